using PhotoCuration.Engine.Workspace;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PhotoCuration.Engine.Review;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Review;

/// <summary>The review server over real HTTP on 127.0.0.1: the page, the token, origin and host checks, actions.</summary>
public sealed class ReviewServerTests : IDisposable
{
    private readonly ReviewedShoot _shoot = new();
    private readonly ReviewServer _server;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public ReviewServerTests()
    {
        _server = ReviewServer.Start(_shoot.Layout.Root, ReviewedShoot.BatchId, 0, _ => { });
    }

    private HttpRequestMessage Post(string body, string? token, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _server.Url + "api/action") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (token is not null) request.Headers.Add("X-Review-Token", token);
        return request;
    }

    [Fact]
    public async Task Serves_the_page_with_its_token_on_127_0_0_1()
    {
        Assert.StartsWith("http://127.0.0.1:", _server.Url);
        Assert.True(_server.IsRunning);
        var response = await _http.GetAsync(_server.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(_server.Token, Regex.Match(html, "data-token=\"([0-9a-f]+)\"").Groups[1].Value);
        Assert.Equal(48, _server.Token.Length);
    }

    [Fact]
    public async Task The_page_names_its_thumbnails_and_the_server_serves_them_with_the_token()
    {
        var html = await _http.GetStringAsync(_server.Url);
        Assert.DoesNotContain("data:image", html);
        var src = WebUtility.HtmlDecode(Regex.Match(html, "<img src=\"(/api/thumb\\?id=[^\"]+)\"[^>]*loading=\"lazy\"").Groups[1].Value);
        Assert.StartsWith("/api/thumb?id=", src);
        Assert.EndsWith("&t=" + _server.Token, src);
        var ok = await _http.GetAsync(_server.Url.TrimEnd('/') + src);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("image/jpeg", ok.Content.Headers.ContentType!.MediaType);
        Assert.Contains("private", ok.Headers.CacheControl!.ToString());
        var jpeg = await ok.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, jpeg[..2]);
        using (var image = SixLabors.ImageSharp.Image.Load(jpeg)) Assert.Equal(Thumbnails.DefaultLongEdge, Math.Max(image.Width, image.Height));
        var id = Uri.EscapeDataString(_shoot.Photos[0].PhotoId);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.GetAsync($"{_server.Url}api/thumb?id={id}&t=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"{_server.Url}api/thumb?id={Uri.EscapeDataString("../../etc/passwd")}&t={_server.Token}")).StatusCode);
    }

    [Fact]
    public async Task A_lock_posted_with_the_token_re_runs_selection()
    {
        var before = _server.Session.SelectedIds.ToList();
        var outsider = _shoot.Photos.First(p => p.Score is { IsDropped: false } && !before.Contains(p.PhotoId));
        var response = await _http.SendAsync(Post(JsonSerializer.Serialize(new { action = "lock", photo_id = outsider.PhotoId }), _server.Token));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Contains(outsider.PhotoId, json.RootElement.GetProperty("selected_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, json.RootElement.GetProperty("generation").GetInt32());
        Assert.Equal(1, _server.Actions);
        Assert.Contains(outsider.PhotoId, File.ReadAllText(_shoot.CuratedListPath));
    }

    [Fact]
    public async Task Actions_without_the_right_token_are_refused()
    {
        var id = _shoot.Photos[0].PhotoId;
        var body = JsonSerializer.Serialize(new { action = "exclude", photo_id = id });
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(Post(body, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(Post(body, (_server.Token[0] == '0' ? "1" : "0") + _server.Token[1..]))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.GetAsync(_server.Url + "api/state")).StatusCode);
        Assert.Null(BatchOverridesFile.Load(_shoot.Layout, ReviewedShoot.BatchId));
    }

    [Fact]
    public async Task Requests_from_another_origin_or_host_are_refused()
    {
        var id = _shoot.Photos[0].PhotoId;
        var body = JsonSerializer.Serialize(new { action = "exclude", photo_id = id });
        var foreign = Post(body, _server.Token);
        foreign.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(foreign)).StatusCode);
        var crossSite = Post(body, _server.Token);
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(crossSite)).StatusCode);
        // DNS rebinding: the right address under another name.
        var rebound = new HttpRequestMessage(HttpMethod.Get, _server.Url);
        rebound.Headers.Host = $"evil.example:{_server.Port}";
        var status = (await _http.SendAsync(rebound)).StatusCode;
        Assert.True(status is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.NotFound, status.ToString());
        Assert.Null(BatchOverridesFile.Load(_shoot.Layout, ReviewedShoot.BatchId));
        // The page's own origin is fine.
        var own = new HttpRequestMessage(HttpMethod.Get, _server.Url + "api/state");
        own.Headers.Add("Origin", $"http://127.0.0.1:{_server.Port}");
        own.Headers.Add("X-Review-Token", _server.Token);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(own)).StatusCode);
    }

    [Fact]
    public async Task Bad_requests_get_clear_statuses_and_no_file_is_served()
    {
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await _http.SendAsync(Post("{}", _server.Token, "text/plain"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.SendAsync(Post("{\"action\":\"lock\",\"photo_id\":\"../../etc/passwd\"}", _server.Token))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.SendAsync(Post("nonsense", _server.Token))).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await _http.SendAsync(Post(new string(' ', ReviewAction.MaxBodyBytes + 1), _server.Token))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(_server.Url + "data/input/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(_server.Url + "..%2F..%2Fetc%2Fpasswd")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await _http.GetAsync(_server.Url + "api/action")).StatusCode);
    }

    [Fact]
    public async Task Stop_closes_the_port()
    {
        _server.Stop();
        Assert.False(_server.IsRunning);
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync(_server.Url));
    }

    [Fact]
    public void A_given_port_is_used()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var second = ReviewServer.Start(_shoot.Layout.Root, ReviewedShoot.BatchId, port, _ => { });
        Assert.Equal($"http://127.0.0.1:{port}/", second.Url);
        Assert.NotEqual(_server.Token, second.Token);
    }

    public void Dispose()
    {
        _server.Dispose();
        _http.Dispose();
        _shoot.Dispose();
    }
}
