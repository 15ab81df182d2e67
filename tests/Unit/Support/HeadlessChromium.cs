using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// Debian's chromium, started headless and driven over the Chrome DevTools protocol (a WebSocket
/// client of a few methods: navigate, evaluate, screenshot, device metrics). Never a downloaded
/// browser: the binary is <c>PHOTOCURATION_CHROMIUM</c> or the distribution's <c>/usr/bin/chromium</c>.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>Set by .ci/run: a missing browser then fails the browser tests instead of skipping them.</summary>
    public const string RequireVariable = "PHOTOCURATION_REQUIRE_BROWSER";

    private readonly Process _process;
    private readonly TempFolder _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly object _gate = new();
    private Task? _reader;
    private int _nextId;

    /// <summary>JavaScript dialogs (alert, confirm) the page opened: an injected script would show here.</summary>
    public List<string> Dialogs { get; } = new();

    public static string? Executable =>
        new[] { Environment.GetEnvironmentVariable("PHOTOCURATION_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    private HeadlessChromium(Process process, TempFolder profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<HeadlessChromium> StartAsync(TimeSpan timeout)
    {
        var exe = Executable ?? throw new InvalidOperationException("chromium is not installed (apt-get install chromium, or set PHOTOCURATION_CHROMIUM).");
        var profile = new TempFolder();
        var info = new ProcessStartInfo(exe)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                     "--hide-scrollbars", "--mute-audio", "--remote-debugging-port=0", "--window-size=1280,900",
                     "--user-data-dir=" + profile.Path, "about:blank",
                 })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{exe} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync(timeout);
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
        return browser;
    }

    private async Task ConnectAsync(TimeSpan timeout)
    {
        // Chromium writes the port it chose to DevToolsActivePort in the profile folder.
        var portFile = Path.Combine(_profile.Path, "DevToolsActivePort");
        var deadline = DateTime.UtcNow + timeout;
        string? port = null;
        while (port is null)
        {
            if (_process.HasExited) throw new InvalidOperationException($"chromium exited with code {_process.ExitCode} before it listened.");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("chromium did not open its DevTools port.");
            if (File.Exists(portFile) && File.ReadAllLines(portFile) is { Length: > 0 } lines && lines[0].Length > 0) port = lines[0].Trim();
            else await Task.Delay(100);
        }
        using var http = new HttpClient { Timeout = timeout };
        string? ws = null;
        while (ws is null)
        {
            var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
            ws = targets.FirstOrDefault(t => (string?)t?["type"] == "page")?["webSocketDebuggerUrl"]?.GetValue<string>();
            if (ws is null)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("chromium has no page target.");
                await Task.Delay(100);
            }
        }
        await _socket.ConnectAsync(new Uri(ws), _stop.Token);
        _reader = Task.Run(ReadLoop);
        await SendAsync("Page.enable");
        await SendAsync("Runtime.enable");
    }

    /// <summary>Sends a command and returns its result.</summary>
    public async Task<JsonNode?> SendAsync(string method, object? parameters = null, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var done = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _pending[id] = done;
        var json = JsonSerializer.Serialize(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, _stop.Token);
        return await done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    private async Task ReadLoop()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var node = JsonNode.Parse(message.ToArray());
                message.SetLength(0);
                if (node?["id"] is { } idNode)
                {
                    TaskCompletionSource<JsonNode?>? waiter;
                    lock (_gate) _pending.Remove(idNode.GetValue<int>(), out waiter);
                    if (node["error"] is { } error) waiter?.TrySetException(new InvalidOperationException("CDP error: " + error.ToJsonString()));
                    else waiter?.TrySetResult(node["result"]);
                }
                else if ((string?)node?["method"] == "Page.javascriptDialogOpening")
                {
                    lock (_gate) Dialogs.Add((string?)node["params"]?["message"] ?? "");
                    _ = SendAsync("Page.handleJavaScriptDialog", new { accept = false });
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
        lock (_gate)
        {
            foreach (var waiter in _pending.Values) waiter.TrySetException(new InvalidOperationException("The DevTools connection closed."));
            _pending.Clear();
        }
    }

    public Task NavigateAsync(string url) => SendAsync("Page.navigate", new { url });

    /// <summary>Evaluates an expression in the page (promises awaited) and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result?["exceptionDetails"] is { } ex) throw new InvalidOperationException("Page script failed: " + ex.ToJsonString());
        return result?["result"]?["value"];
    }

    /// <summary>Polls an expression until it is true; false evaluations (page reloading) are retried.</summary>
    public async Task WaitForAsync(string expression, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await EvaluateAsync(expression) is JsonValue v && v.TryGetValue<bool>(out var ok) && ok) return;
            }
            catch (InvalidOperationException)
            {
                // The page was between documents; ask again.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The page never satisfied: {expression}");
            await Task.Delay(100);
        }
    }

    public async Task<byte[]> ScreenshotAsync(bool fullPage = false)
    {
        var result = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = fullPage });
        return Convert.FromBase64String((string)result!["data"]!);
    }

    public Task SetViewportAsync(int width, int height, bool mobile) =>
        SendAsync("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile });

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            if (_socket.State == WebSocketState.Open) await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
        }
        _socket.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
        }
        if (_reader is not null) await Task.WhenAny(_reader, Task.Delay(2000));
        _process.Dispose();
        _profile.Dispose();
        _stop.Dispose();
    }
}

/// <summary>
/// A fact that needs the browser: skipped when chromium is missing, unless <see cref="HeadlessChromium.RequireVariable"/>
/// is 1 (CI), where a missing browser must fail the run rather than pass silently.
/// </summary>
public sealed class BrowserFactAttribute : Xunit.FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessChromium.Executable is null && Environment.GetEnvironmentVariable(HeadlessChromium.RequireVariable) != "1")
        {
            Skip = "chromium is not installed (apt-get install chromium); CI sets " + HeadlessChromium.RequireVariable + "=1 and fails instead";
        }
    }
}
