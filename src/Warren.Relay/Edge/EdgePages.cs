using Microsoft.AspNetCore.Http;

namespace Warren.Relay.Edge;

/// <summary>The small pages a visitor sees when the edge answers itself: no tunnel list, no stack trace.</summary>
internal static class EdgePages
{
    public static Task WriteAsync(HttpContext context, int status, string title, string text, bool keepHeaders = false)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            // Too late for a page: the visitor sees the response cut short.
            context.Abort();
            return Task.CompletedTask;
        }

        if (!keepHeaders)
        {
            response.Clear();
        }

        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        var html = $"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{status} {title}</title></head>\n<body><h1>{status} {title}</h1>\n<p>{text}</p></body></html>\n";
        return response.WriteAsync(html, context.RequestAborted);
    }

    public static Task NotFoundAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status404NotFound, "Not Found", "There is no tunnel at this address. Check the name, or ask its owner whether it is running.");

    public static Task BadGatewayAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status502BadGateway, "Bad Gateway", "The tunnel is up, but the service behind it did not answer. Try again in a moment.");

    public static Task GatewayTimeoutAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status504GatewayTimeout, "Gateway Timeout", "The tunnel did not answer in time. Try again in a moment.");

    public static Task ForbiddenAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "This tunnel does not take visitors from your address.");

    /// <summary>401 with the challenge (RFC 7617): the browser asks for the user and password.</summary>
    public static Task UnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"warren\", charset=\"UTF-8\"";
        return WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "This tunnel needs a user name and password.", keepHeaders: true);
    }

    /// <summary>429 with Retry-After in whole seconds (at least 1).</summary>
    public static Task TooManyRequestsAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too Many Requests", "This tunnel gets more requests than it takes. Try again in a moment.", keepHeaders: true);
    }

    public static Task ServiceUnavailableAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "The tunnel is busy with as many connections as it may hold. Try again in a moment.");
}
