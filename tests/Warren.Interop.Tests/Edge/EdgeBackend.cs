using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Warren.Interop.Tests.Edge;

/// <summary>
/// The service behind the edge tests' tunnels: a Kestrel app on 127.0.0.1 (free port) with a
/// few endpoints that show what arrived (headers, body hash), large and chunked bodies, SSE and a
/// WebSocket echo.
/// </summary>
internal sealed class EdgeBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EdgeBackend(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The bytes /download?size=N sends: the same for a given size, so the test can hash them itself.</summary>
    public static byte[] DownloadBytes(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }

    public static async Task<EdgeBackend> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EdgeBackend(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        switch (request.Path.Value)
        {
            case "/hello":
                await response.WriteAsync($"hello {request.Host.Value} {request.Query["token"]}");
                return;
            case "/headers":
                foreach (var name in new[] { "Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "Forwarded" })
                {
                    await response.WriteAsync($"{name}: {request.Headers[name]}\n");
                }

                return;
            case "/download":
                var size = int.Parse(request.Query["size"].ToString(), CultureInfo.InvariantCulture);
                var bytes = DownloadBytes(size);
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes);
                return;
            case "/upload":
                using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                {
                    var buffer = new byte[64 * 1024];
                    long total = 0;
                    int read;
                    while ((read = await request.Body.ReadAsync(buffer)) > 0)
                    {
                        sha.AppendData(buffer, 0, read);
                        total += read;
                    }

                    await response.WriteAsync($"{total} {Convert.ToHexString(sha.GetHashAndReset())}");
                }

                return;
            case "/chunked":
                for (var i = 0; i < 5; i++)
                {
                    await response.WriteAsync($"chunk {i};");
                    await response.Body.FlushAsync();
                }

                return;
            case "/sse":
                response.ContentType = "text/event-stream";
                await response.WriteAsync("data: first\n\n");
                await response.Body.FlushAsync();

                // The stream stays open until the visitor leaves: only the first event can have arrived.
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case "/ws" when context.WebSockets.IsWebSocketRequest:
                using (var socket = await context.WebSockets.AcceptWebSocketAsync())
                {
                    var buffer = new byte[4096];
                    while (true)
                    {
                        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                        if (received.MessageType == WebSocketMessageType.Close)
                        {
                            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                            return;
                        }

                        await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, CancellationToken.None);
                    }
                }

            default:
                response.StatusCode = 404;
                return;
        }
    }
}
