#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (random free port) speaking the chat completions API, scripted to
/// judge pairs of images. Shared by the xunit tests and the Pester tests (which compile this file with
/// Add-Type), so it uses nothing but the framework. It sees what a real server sees: the path, the
/// Authorization header, the model, the prompts and the attached images (identified by SHA-256).
/// </summary>
public sealed class FakeChatServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly ConcurrentQueue<FakeChatRequest> _requests = new ConcurrentQueue<FakeChatRequest>();
    private int _failuresLeft;

    public FakeChatServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener = new HttpListener();
            _listener.Prefixes.Add("http://127.0.0.1:" + Port + "/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                _listener.Close();
            }
        }
        Task.Run(AcceptLoop);
    }

    public int Port { get; }

    /// <summary>What OPENAI_BASE_URL would be.</summary>
    public string BaseUrl => "http://127.0.0.1:" + Port + "/v1";

    /// <summary>
    /// prefer: the image earlier in <see cref="Preference"/> wins, unknown images lose to known ones, two unknown tie;
    /// first: always "A" (so the two orders disagree); tie: always "tie"; garbage: an answer that is not JSON;
    /// badwinner: JSON with winner "C".
    /// </summary>
    public string Mode { get; set; } = "prefer";

    /// <summary>SHA-256 hex (lower case) of image bytes, best first.</summary>
    public List<string> Preference { get; } = new List<string>();

    /// <summary>Seconds to wait before answering (to exceed the client's timeout).</summary>
    public double DelaySeconds { get; set; }

    /// <summary>The first N requests fail with <see cref="FailStatus"/>.</summary>
    public int FailFirst
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    public int FailStatus { get; set; } = 429;

    /// <summary>Retry-After header of a failure, if any.</summary>
    public string? RetryAfter { get; set; } = "0";

    /// <summary>Put the request's Authorization header into every rationale and error (to test redaction).</summary>
    public bool EchoKey { get; set; }

    public int PromptTokens { get; set; } = 500;
    public int CompletionTokens { get; set; } = 20;

    /// <summary>When set, decides every answer (xunit tests).</summary>
    public Func<FakeChatRequest, FakeChatReply>? Script { get; set; }

    public FakeChatRequest[] Requests => _requests.ToArray();

    public int Calls => _requests.Count;

    public void Reset()
    {
        while (_requests.TryDequeue(out _)) { }
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    public static string Sha256File(string path) => Sha256(File.ReadAllBytes(path));

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                return;
            }
            _ = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var request = FakeChatRequest.Parse(context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"] ?? "", body);
            _requests.Enqueue(request);
            var reply = Decide(request);
            var delay = reply.DelaySeconds ?? DelaySeconds;
            if (delay > 0) await Task.Delay(TimeSpan.FromSeconds(delay), _stop.Token).ConfigureAwait(false);
            var text = reply.RawBody ?? Completion(request.Model, reply.Content ?? "", reply.Usage);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            foreach (var header in reply.Headers) context.Response.Headers[header.Key] = header.Value;
            var bytes = Encoding.UTF8.GetBytes(text);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client gave up (timeout) or the server is stopping: nothing to answer.
            try { context.Response.Abort(); } catch (Exception) { }
        }
    }

    private FakeChatReply Decide(FakeChatRequest request)
    {
        if (Script is not null) return Script(request);
        var echo = EchoKey ? " (you sent " + request.Authorization + ")" : "";
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            var failure = new FakeChatReply
            {
                Status = FailStatus,
                RawBody = "{\"error\":{\"message\":\"slow down" + JsonEncodedText.Encode(echo) + "\",\"type\":\"rate_limit\",\"code\":\"rate_limit_exceeded\"}}",
            };
            if (RetryAfter is not null) failure.Headers["Retry-After"] = RetryAfter;
            return failure;
        }
        Interlocked.Exchange(ref _failuresLeft, 0);
        switch (Mode)
        {
            case "garbage":
                return new FakeChatReply { Content = "I like the first one better" + echo };
            case "badwinner":
                return FakeChatReply.Verdict("C", "neither");
            case "first":
                return FakeChatReply.Verdict("A", "the first one is better" + echo);
            case "tie":
                return FakeChatReply.Verdict("tie", "cannot tell" + echo);
            default:
                var a = Rank(request.ImageHashes.ElementAtOrDefault(0));
                var b = Rank(request.ImageHashes.ElementAtOrDefault(1));
                var winner = a == b ? "tie" : a < b ? "A" : "B";
                return FakeChatReply.Verdict(winner, "judged by preference " + a + " vs " + b + echo);
        }
    }

    private int Rank(string? hash)
    {
        var i = hash is null ? -1 : Preference.IndexOf(hash);
        return i < 0 ? int.MaxValue : i;
    }

    private string Completion(string model, string content, bool usage)
    {
        var payload = new Dictionary<string, object?>
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1700000000,
            ["model"] = model,
            ["choices"] = new object[]
            {
                new Dictionary<string, object?>
                {
                    ["index"] = 0,
                    ["message"] = new Dictionary<string, object?> { ["role"] = "assistant", ["content"] = content },
                    ["finish_reason"] = "stop",
                    ["logprobs"] = null,
                },
            },
        };
        if (usage)
        {
            payload["usage"] = new Dictionary<string, object?> { ["prompt_tokens"] = PromptTokens, ["completion_tokens"] = CompletionTokens, ["total_tokens"] = PromptTokens + CompletionTokens };
        }
        return JsonSerializer.Serialize(payload);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _listener.Stop(); } catch (Exception) { }
        _listener.Close();
    }
}

/// <summary>What the fake server answers.</summary>
public sealed class FakeChatReply
{
    public int Status { get; set; } = 200;
    /// <summary>The assistant message content.</summary>
    public string? Content { get; set; }
    /// <summary>A raw body sent instead of a chat completion.</summary>
    public string? RawBody { get; set; }
    public double? DelaySeconds { get; set; }
    public bool Usage { get; set; } = true;
    public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>();

    public static FakeChatReply Verdict(string winner, string rationale) =>
        new FakeChatReply { Content = JsonSerializer.Serialize(new Dictionary<string, string> { ["winner"] = winner, ["rationale"] = rationale }) };
}

/// <summary>One request as the fake server saw it.</summary>
public sealed class FakeChatRequest
{
    public string Path { get; set; } = "";
    public string Authorization { get; set; } = "";
    public string Model { get; set; } = "";
    public string Body { get; set; } = "";
    public string SystemPrompt { get; set; } = "";
    public List<string> Texts { get; } = new List<string>();
    public List<string> ImageHashes { get; } = new List<string>();
    public List<string> ImageDetails { get; } = new List<string>();
    public bool HasJsonSchema { get; set; }

    public static FakeChatRequest Parse(string path, string authorization, string body)
    {
        var request = new FakeChatRequest { Path = path, Authorization = authorization, Body = body };
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        request.Model = root.TryGetProperty("model", out var model) ? model.GetString() ?? "" : "";
        request.HasJsonSchema = root.TryGetProperty("response_format", out var format) && format.TryGetProperty("type", out var type) && type.GetString() == "json_schema";
        foreach (var message in root.GetProperty("messages").EnumerateArray())
        {
            var role = message.GetProperty("role").GetString();
            var content = message.GetProperty("content");
            if (content.ValueKind == JsonValueKind.String)
            {
                if (role == "system") request.SystemPrompt += content.GetString();
                else request.Texts.Add(content.GetString() ?? "");
                continue;
            }
            foreach (var part in content.EnumerateArray())
            {
                var kind = part.GetProperty("type").GetString();
                if (kind == "text")
                {
                    if (role == "system") request.SystemPrompt += part.GetProperty("text").GetString();
                    else request.Texts.Add(part.GetProperty("text").GetString() ?? "");
                }
                else if (kind == "image_url")
                {
                    var image = part.GetProperty("image_url");
                    var url = image.GetProperty("url").GetString() ?? "";
                    var comma = url.IndexOf(',');
                    request.ImageHashes.Add(FakeChatServer.Sha256(Convert.FromBase64String(url.Substring(comma + 1))));
                    request.ImageDetails.Add(image.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "");
                }
            }
        }
        return request;
    }
}
