using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Warren.LoadGen.Scenarios.Visitors;

/// <summary>
/// The local HTTP service behind the tunnels (Kestrel on 127.0.0.1, a free port): <c>GET /</c>
/// answers <see cref="Greeting"/>; <c>GET /download?size=N</c> answers N bytes of
/// <see cref="BytePattern"/>. Visitors reach it through the edge and directly, in the same run.
/// </summary>
internal sealed class HttpService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpService(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The short response every visitor's request gets, checked byte for byte.</summary>
    public static byte[] Greeting { get; } = "hello from the service behind the tunnel\n"u8.ToArray();

    public int Port { get; }

    public static async Task<HttpService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(ServeAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpService(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private static async Task ServeAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "application/octet-stream";
        if (context.Request.Path != "/download")
        {
            response.ContentLength = Greeting.Length;
            await response.Body.WriteAsync(Greeting).ConfigureAwait(false);
            return;
        }

        if (!long.TryParse(context.Request.Query["size"], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        response.ContentLength = size;
        for (var left = size; left > 0; left -= BytePattern.BlockSize)
        {
            await response.Body.WriteAsync(BytePattern.Block.AsMemory(0, (int)Math.Min(BytePattern.BlockSize, left))).ConfigureAwait(false);
        }
    }
}
