using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PhotoCuration.Engine.Review;

/// <summary>
/// Serves a batch's review page on 127.0.0.1 (HttpListener, one background thread, requests one at a
/// time) and applies the actions the page posts. Refused: a Host other than 127.0.0.1/localhost on the
/// server's port (DNS rebinding), an Origin other than the page's own, a fetch the browser marks
/// cross-site, and any action without the per-server token written into the page (a page of another
/// origin cannot read it). The page is built in memory once per change and names its thumbnails, which
/// the browser fetches lazily (<c>/api/thumb?id=…&amp;t=token</c>, from memory, cacheable); the one thing
/// read from disk on request is a photo's large image for the loupe (<c>/api/image?id=…&amp;t=token</c>),
/// named by photo id and resolved inside the workspace, streamed so memory stays bounded. Images are
/// served on pool threads, so a screenful of thumbnails does not queue behind a decision; the page,
/// the state and actions stay on the server's one thread. Actions also name photos by id, so no request
/// can reach a path.
/// </summary>
public sealed class ReviewServer : ICurationReviewState, IDisposable
{
    private const int PortAttempts = 8;
    private readonly HttpListener _listener;
    private readonly ReviewSession _session;
    private readonly Thread _thread;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly string[] _hosts;
    private readonly string[] _origins;
    private volatile bool _running = true;

    private ReviewServer(HttpListener listener, int port, ReviewSession session, string token)
    {
        _listener = listener;
        _session = session;
        Port = port;
        Token = token;
        _hosts = new[] { $"127.0.0.1:{port}", $"localhost:{port}" };
        _origins = _hosts.Select(h => "http://" + h).ToArray();
        _thread = new Thread(Serve) { IsBackground = true, Name = $"PhotoCuration review {session.BatchId}:{port}" };
        _thread.Start();
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/";
    public string Token { get; }
    public ReviewSession Session => _session;
    public bool IsRunning => _running;
    public int Actions { get; private set; }
    public string? LastMessage { get; private set; }

    /// <summary>Lines about requests and actions since the last call (for a foreground loop to print).</summary>
    public IEnumerable<string> DrainLog()
    {
        while (_log.TryDequeue(out var line)) yield return line;
    }

    /// <summary>Loads the batch, renders the page, and starts listening on <paramref name="port"/> (0 = a free port).</summary>
    /// <param name="agreement">Agreement with the photographer's decisions to show on the page, or null.</param>
    /// <param name="library">-Library roots for the batch's library-relative originals; null: its recorded ones.</param>
    public static ReviewServer Start(string workspace, string batchId, int port, Action<string> warning, CurationAgreement? agreement = null, Distributed.LibraryRoots? library = null)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var session = new ReviewSession(workspace, batchId, token, warning, agreement, library);
        for (var attempt = 0; ; attempt++)
        {
            var chosen = port > 0 ? port : FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{chosen}/");
            listener.Prefixes.Add($"http://localhost:{chosen}/");
            try
            {
                listener.Start();
                return new ReviewServer(listener, chosen, session, token);
            }
            catch (HttpListenerException) when (port == 0 && attempt < PortAttempts)
            {
                // Another process took the port between probing and binding: try another.
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }

    private void Serve()
    {
        while (_running)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }
            if (context.Request.HttpMethod == "GET" && context.Request.Url?.AbsolutePath is PageImages.ThumbPath or ImagePath)
            {
                ThreadPool.QueueUserWorkItem(c => Respond(c), context, preferLocal: false);
            }
            else
            {
                Respond(context);
            }
        }
        _running = false;
    }

    private const string ImagePath = "/api/image";

    private void Respond(HttpListenerContext context)
    {
        try
        {
            Handle(context);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away mid-response; the next request is unaffected.
            _log.Enqueue($"response failed: {ex.Message}");
        }
        finally
        {
            try { context.Response.Close(); } catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers["Cache-Control"] = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["X-Frame-Options"] = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["Content-Security-Policy"] = ReportStyle.ContentSecurityPolicy;
        if (Refusal(request) is { } why)
        {
            _log.Enqueue($"refused {request.HttpMethod} {request.Url?.AbsolutePath}: {why}");
            Json(response, 403, new { error = why });
            return;
        }
        var path = request.Url?.AbsolutePath ?? "/";
        switch (request.HttpMethod, path)
        {
            case ("GET", "/" or "/index.html"):
                Send(response, 200, "text/html; charset=utf-8", _session.PageBytes);
                break;
            case ("GET", "/api/state"):
                if (!HasToken(request)) { Json(response, 403, new { error = "missing or wrong X-Review-Token" }); break; }
                Json(response, 200, State());
                break;
            case ("POST", "/api/action"):
                Action(request, response);
                break;
            case ("GET", ImagePath):
                LargeImage(request, response);
                break;
            case ("GET", PageImages.ThumbPath):
                Thumbnail(request, response);
                break;
            case (_, "/" or "/index.html" or "/api/state" or "/api/action" or "/api/image" or PageImages.ThumbPath):
                Json(response, 405, new { error = $"{request.HttpMethod} is not allowed here" });
                break;
            default:
                Json(response, 404, new { error = "not found" });
                break;
        }
    }

    /// <summary>Why a request is refused before anything else, or null.</summary>
    private string? Refusal(HttpListenerRequest request)
    {
        var host = request.Headers["Host"] ?? "";
        if (!_hosts.Contains(host, StringComparer.OrdinalIgnoreCase)) return $"host '{host}' is not this server";
        var origin = request.Headers["Origin"];
        if (origin is not null && !_origins.Contains(origin, StringComparer.OrdinalIgnoreCase)) return $"origin '{origin}' is not this page";
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase)) return "cross-site request";
        return null;
    }

    private bool HasToken(HttpListenerRequest request) => IsToken(request.Headers["X-Review-Token"]);

    private bool IsToken(string? given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given ?? ""), Encoding.UTF8.GetBytes(Token));

    /// <summary>
    /// The loupe's image: an &lt;img&gt; cannot send a header, so the token comes in the query (the page's
    /// own origin only, no-referrer, never logged). Streamed from the file in 64 KB blocks.
    /// </summary>
    private void LargeImage(HttpListenerRequest request, HttpListenerResponse response)
    {
        if (!IsToken(request.QueryString["t"])) { Json(response, 403, new { error = "missing or wrong token" }); return; }
        var path = _session.LargeImagePath(request.QueryString["id"] ?? "");
        if (path is null) { Json(response, 404, new { error = "no image for that photo" }); return; }
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        response.StatusCode = 200;
        response.ContentType = "image/jpeg";
        response.ContentLength64 = file.Length;
        file.CopyTo(response.OutputStream, 64 * 1024);
    }

    /// <summary>
    /// A grid or card thumbnail (<see cref="PageImages.ThumbPath"/>), from memory. The token comes in the
    /// query as for the loupe; the same photo's thumbnail never changes while the server runs, so the
    /// browser may keep it for the session (private: no shared cache).
    /// </summary>
    private void Thumbnail(HttpListenerRequest request, HttpListenerResponse response)
    {
        if (!IsToken(request.QueryString["t"])) { Json(response, 403, new { error = "missing or wrong token" }); return; }
        if (_session.Thumbnail(request.QueryString["id"] ?? "") is not { } jpeg) { Json(response, 404, new { error = "no thumbnail for that photo" }); return; }
        response.Headers["Cache-Control"] = "private, max-age=86400, immutable";
        Send(response, 200, "image/jpeg", jpeg);
    }

    private void Action(HttpListenerRequest request, HttpListenerResponse response)
    {
        if (!HasToken(request))
        {
            Json(response, 403, new { error = "missing or wrong X-Review-Token" });
            return;
        }
        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            Json(response, 415, new { error = "actions are application/json" });
            return;
        }
        string body;
        try
        {
            body = ReadBody(request);
        }
        catch (InvalidDataException ex)
        {
            Json(response, 413, new { error = ex.Message });
            return;
        }
        try
        {
            var action = ReviewAction.Parse(body);
            var outcome = _session.Apply(action, w => _log.Enqueue("warning: " + w));
            Actions++;
            LastMessage = outcome.Message;
            _log.Enqueue(outcome.Message);
            Json(response, 200, new
            {
                ok = true,
                message = outcome.Message,
                generation = _session.Generation,
                selected_ids = outcome.Run.Set.Items.Select(i => i.PhotoId).ToList(),
                select_ms = outcome.Run.SelectMs,
                export_ms = outcome.Run.ExportMs,
                timings_ms = new { save = outcome.Timings.Save, select = outcome.Timings.Select, export = outcome.Timings.Export, view = outcome.Timings.View, total = outcome.Timings.Total },
                patch = outcome.Patch.ToJson(),
            });
        }
        catch (ArgumentException ex)
        {
            Json(response, 400, new { error = ex.Message });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or Core.PhotoInputException)
        {
            _log.Enqueue($"action failed: {ex.Message}");
            Json(response, 500, new { error = ex.Message });
        }
    }

    private static string ReadBody(HttpListenerRequest request)
    {
        if (request.ContentLength64 > ReviewAction.MaxBodyBytes) throw new InvalidDataException($"the body is over {ReviewAction.MaxBodyBytes} bytes");
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = request.InputStream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > ReviewAction.MaxBodyBytes) throw new InvalidDataException($"the body is over {ReviewAction.MaxBodyBytes} bytes");
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private object State() => new
    {
        batch_id = _session.BatchId,
        generation = _session.Generation,
        selected_ids = _session.SelectedIds,
        lock_in = _session.LockIn,
        exclude = _session.Exclude,
        axis_emphasis = _session.AxisEmphasis,
        undo = _session.UndoCount,
    };

    private static void Json(HttpListenerResponse response, int status, object value) =>
        Send(response, status, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value));

    private static void Send(HttpListenerResponse response, int status, string contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body, 0, body.Length);
    }

    /// <summary>Stops listening; the request in progress (if any) finishes first.</summary>
    public void Stop()
    {
        if (!_running && !_listener.IsListening) return;
        _running = false;
        try { _listener.Stop(); } catch (ObjectDisposedException) { }
        _listener.Close();
        if (Thread.CurrentThread != _thread) _thread.Join(TimeSpan.FromSeconds(10));
    }

    public void Dispose() => Stop();
}
