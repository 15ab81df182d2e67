using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;

namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// The judge through the OpenAI .NET SDK's chat completions: the theme in the system prompt, the two
/// ranking JPEGs attached as images, a strict JSON schema for the answer, temperature 0. Works with any
/// OpenAI-compatible server (the endpoint is a parameter). Retries are ours, not the SDK's, so that
/// they are bounded, honour Retry-After and can be short in tests. The key lives only inside the SDK's
/// credential and this instance's redactor.
/// </summary>
public sealed class OpenAIPairJudge : IPairJudge
{
    private readonly ChatClient _client;
    private readonly JudgeSettings _settings;
    private readonly SecretRedactor _redactor;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    public OpenAIPairJudge(JudgeSettings settings, string apiKey, SecretRedactor redactor, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _settings = settings;
        _redactor = redactor;
        _delay = delay ?? Task.Delay;
        var options = new OpenAIClientOptions
        {
            Endpoint = settings.Endpoint,
            NetworkTimeout = settings.Timeout,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        _client = new ChatClient(settings.Model, new ApiKeyCredential(apiKey), options);
    }

    public string Model => _settings.Model;

    public async Task<JudgeVerdict> AskAsync(JudgeRequest request, CancellationToken cancellation)
    {
        var messages = Messages(request);
        var options = new ChatCompletionOptions
        {
            Temperature = 0f,
            MaxOutputTokenCount = 300,
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("pairwise_verdict", BinaryData.FromString(JudgePrompt.AnswerSchema), jsonSchemaIsStrict: true),
        };
        for (var attempt = 0; ; attempt++)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                // The SDK's network timeout covers one try; this also bounds reading the body.
                limit.CancelAfter(_settings.Timeout + TimeSpan.FromSeconds(1));
                var result = await _client.CompleteChatAsync(messages, options, limit.Token).ConfigureAwait(false);
                return ToVerdict(result.Value, request);
            }
            catch (ClientResultException ex) when (RetryDelay.IsRetryable(ex.Status) && attempt < _settings.MaxRetries)
            {
                var headers = ex.GetRawResponse()?.Headers;
                string? retryAfterMs = null, retryAfter = null;
                headers?.TryGetValue("retry-after-ms", out retryAfterMs);
                headers?.TryGetValue("Retry-After", out retryAfter);
                await _delay(RetryDelay.For(attempt, retryAfterMs, retryAfter, _settings.RetryBaseDelay, _settings.MaxRetryDelay, DateTimeOffset.UtcNow), cancellation).ConfigureAwait(false);
            }
            catch (ClientResultException ex)
            {
                var status = ex.Status == 0 ? (int?)null : ex.Status;
                throw new JudgeFailure(status is null ? JudgeFailureKind.Transport : JudgeFailureKind.HttpError,
                    $"the judge failed{(status is null ? "" : $" with HTTP {status}")}{(attempt > 0 ? $" after {attempt} retries" : "")}: {FirstLine(ex.Message)}", status);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
                throw new JudgeFailure(JudgeFailureKind.Timeout, $"the judge did not answer within {_settings.Timeout.TotalSeconds:0.#} s");
            }
            catch (JudgeFailure)
            {
                throw;
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                // HTTP 200 with a body the SDK cannot read as a chat completion.
                throw NotAChatCompletion(ex);
            }
            catch (Exception ex)
            {
                // Connection refused, a body that is not a chat completion, a TLS failure: all end here.
                throw new JudgeFailure(JudgeFailureKind.Transport, $"the judge could not be reached or answered nonsense ({ex.GetType().Name}): {FirstLine(ex.Message)}");
            }
        }
    }

    private List<ChatMessage> Messages(JudgeRequest request)
    {
        var detail = _settings.ImageDetail.ToLowerInvariant() switch
        {
            "high" => ChatImageDetailLevel.High,
            "auto" => ChatImageDetailLevel.Auto,
            _ => ChatImageDetailLevel.Low,
        };
        return new List<ChatMessage>
        {
            new SystemChatMessage(JudgePrompt.System(request.Theme)),
            new UserChatMessage(
                ChatMessageContentPart.CreateTextPart("Photo A:"),
                ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(request.ImageA), "image/jpeg", detail),
                ChatMessageContentPart.CreateTextPart("Photo B:"),
                ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(request.ImageB), "image/jpeg", detail),
                ChatMessageContentPart.CreateTextPart(JudgePrompt.Question(request.Question))),
        };
    }

    private JudgeVerdict ToVerdict(ChatCompletion completion, JudgeRequest request)
    {
        string? text;
        ChatTokenUsage? usage;
        try
        {
            text = completion.Content.Count > 0 ? completion.Content[0].Text : null;
            usage = completion.Usage;
        }
        catch (Exception ex)
        {
            // The SDK reads the body lazily: a reply without choices or message fails here.
            throw NotAChatCompletion(ex);
        }
        var verdict = JudgeAnswerParser.Parse(text, _redactor);
        var estimate = JudgePrompt.EstimateTokens(request.Theme, request.Question, _settings.ImageDetail);
        verdict.InputTokens = usage is { InputTokenCount: > 0 } ? usage.InputTokenCount : estimate.Input;
        verdict.OutputTokens = usage is { OutputTokenCount: > 0 } ? usage.OutputTokenCount : estimate.Output;
        return verdict;
    }

    private JudgeFailure NotAChatCompletion(Exception ex) =>
        new(JudgeFailureKind.Malformed, $"malformed answer: the server's reply is not a chat completion ({ex.GetType().Name}: {FirstLine(ex.Message)})");

    private string FirstLine(string message)
    {
        var clean = _redactor.Redact(message).ReplaceLineEndings(" ").Trim();
        return clean.Length <= 300 ? clean : clean[..300] + "…";
    }
}
