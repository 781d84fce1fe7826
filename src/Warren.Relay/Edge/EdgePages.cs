using Microsoft.AspNetCore.Http;

namespace Warren.Relay.Edge;

/// <summary>The small pages a visitor sees when the edge answers itself: no tunnel list, no stack trace.</summary>
internal static class EdgePages
{
    public static Task WriteAsync(HttpContext context, int status, string title, string text)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            // Too late for a page: the visitor sees the response cut short.
            context.Abort();
            return Task.CompletedTask;
        }

        response.Clear();
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
}
