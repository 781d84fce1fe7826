using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Observability;

/// <summary>
/// The admin API of the built warren (<c>--admin-token-file</c>) against real OpenSSH sessions:
/// refused without the token, lists sessions and tunnels, releases a tunnel and disconnects a session.
/// </summary>
public sealed class AdminApiTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AdminApi_NoTokenOrWrongToken_Answers401()
    {
        using var directory = new TempDirectory();
        using var warren = await StartAsync(directory);
        using var http = new HttpClient { Timeout = Timeout };

        var none = await http.GetAsync(MetricsTests.Url(warren, "/admin/sessions"));
        using var wrong = new HttpRequestMessage(HttpMethod.Post, MetricsTests.Url(warren, "/admin/sessions/conn-1/disconnect"));
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        var wrongAnswer = await http.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAnswer.StatusCode);
        Assert.Contains("Bearer", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApi_WithToken_ListsReleasesAndDisconnects()
    {
        using var directory = new TempDirectory();
        using var warren = await StartAsync(directory);
        using var http = new HttpClient { Timeout = Timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var client = await OpenSshClient.CreateAsync();
        var name = "a" + Guid.NewGuid().ToString("N")[..12];
        using var ssh = client.StartBackground(warren.Port, ["ExitOnForwardFailure=yes"], ["-N", "-R", $"{name}:5432:127.0.0.1:9"]);
        await ssh.Output.WaitForTextAsync("remote forward success", Timeout);

        using var sessions = await GetJsonAsync(http, warren, "/admin/sessions");
        var session = Assert.Single(sessions.RootElement.GetProperty("sessions").EnumerateArray());
        Assert.Equal("open", session.GetProperty("state").GetString());
        var id = session.GetProperty("sessionId").GetString()!;
        using var tunnels = await GetJsonAsync(http, warren, "/admin/tunnels");
        var tunnel = Assert.Single(tunnels.RootElement.GetProperty("tunnels").EnumerateArray());
        Assert.Equal(name, tunnel.GetProperty("name").GetString());
        Assert.Equal("alias", tunnel.GetProperty("kind").GetString());
        Assert.Equal(id, tunnel.GetProperty("sessionId").GetString());

        var release = await http.DeleteAsync(MetricsTests.Url(warren, $"/admin/tunnels/{name}"));
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        using var afterRelease = await GetJsonAsync(http, warren, "/admin/tunnels");
        Assert.Empty(afterRelease.RootElement.GetProperty("tunnels").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync(MetricsTests.Url(warren, $"/admin/tunnels/{name}"))).StatusCode);

        var disconnect = await http.PostAsync(MetricsTests.Url(warren, $"/admin/sessions/{id}/disconnect"), content: null);
        Assert.Equal(HttpStatusCode.Accepted, disconnect.StatusCode);
        await ssh.WaitForExitAsync(Timeout);
        Assert.Contains("disconnected by the relay's administrator", ssh.Output.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(MetricsTests.Url(warren, "/admin/sessions/conn-999/disconnect"), content: null)).StatusCode);
        await warren.Output.WaitForTextAsync($"admin disconnect conn={id}", Timeout);
    }

    private static async Task<WarrenProcess> StartAsync(TempDirectory directory)
    {
        var tokenFile = directory.Combine("admin-token");
        await File.WriteAllTextAsync(tokenFile, Token + "\n");
        return await WarrenProcess.StartAsync(["--anonymous", "--admin-token-file", tokenFile]);
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient http, WarrenProcess warren, string path)
    {
        var response = await http.GetAsync(MetricsTests.Url(warren, path));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
