using System.Text.Json;

namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// Reads a JSON file token by token through a small growing buffer (<see cref="Utf8JsonReader"/> over
/// chunks of the file): a value is only ever held whole when a caller asks for it, so a stage document
/// of any size is read in bounded memory (docs/architecture.md#archive-scale). Reader options are those
/// of <see cref="StageJson.Options"/> (comments skipped, trailing commas allowed); a UTF-8 BOM is skipped.
/// Malformed JSON throws <see cref="JsonException"/> where it is met.
/// </summary>
internal sealed class JsonFileCursor : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start, _end;
    private bool _final;
    private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

    /// <summary>Opens for reading with sharing that tolerates a concurrent writer renaming a new version over the file.</summary>
    public JsonFileCursor(string path)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        Refill();
        if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF) _start = 3;
    }

    public readonly record struct Token(JsonTokenType Type, int Depth, string? Text);

    /// <summary>The next token (<see cref="JsonTokenType.None"/> at the end); its text for a property name or string when <paramref name="text"/>.</summary>
    public Token Read(bool text = false)
    {
        while (true)
        {
            var reader = Reader();
            if (reader.Read())
            {
                var value = text && reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String ? reader.GetString() : null;
                Advance(ref reader);
                return new Token(reader.TokenType, reader.CurrentDepth, value);
            }
            if (_final) return new Token(JsonTokenType.None, 0, null);
            Refill();
        }
    }

    /// <summary>The next value whole, deserialized with <see cref="StageJson.Options"/>; <paramref name="end"/> when the next token closes the array instead.</summary>
    public T? Element<T>(out bool end) => Element<T>(out end, null, null);

    /// <summary>
    /// The next value whole of those <paramref name="keep"/> takes by their top-level string <paramref name="key"/>
    /// (null when absent); the others are passed by without being deserialized (docs/architecture.md#archive-scale:
    /// a part of a large batch rebuilt from whole documents).
    /// </summary>
    public T? Element<T>(out bool end, string? key, Func<string?, bool>? keep)
    {
        while (true)
        {
            var reader = Reader();
            if (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    Advance(ref reader);
                    end = true;
                    return default;
                }
                var probe = reader;
                var from = (int)reader.TokenStartIndex;
                if (probe.TrySkip())
                {
                    if (keep is not null && !keep(KeyOf(_buffer.AsSpan(_start + from, (int)probe.BytesConsumed - from), key!)))
                    {
                        Advance(ref probe);
                        continue;
                    }
                    var value = JsonSerializer.Deserialize<T>(ref reader, StageJson.Options);
                    Advance(ref reader);
                    end = false;
                    return value;
                }
            }
            Refill();
        }
    }

    /// <summary>The string of an object's top-level property <paramref name="key"/>, or null.</summary>
    private static string? KeyOf(ReadOnlySpan<byte> value, string key)
    {
        var reader = new Utf8JsonReader(value);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var named = reader.ValueTextEquals(key);
            reader.Read();
            if (named) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
        }
        return null;
    }

    /// <summary>The bytes of the next value, whole.</summary>
    public byte[] RawValue()
    {
        while (true)
        {
            var reader = Reader();
            if (reader.Read())
            {
                var from = (int)reader.TokenStartIndex;
                if (reader.TrySkip())
                {
                    var raw = _buffer.AsSpan(_start + from, (int)reader.BytesConsumed - from).ToArray();
                    Advance(ref reader);
                    return raw;
                }
            }
            Refill();
        }
    }

    /// <summary>Skips the next value, of any size, a token at a time.</summary>
    public void SkipValue()
    {
        var first = Read();
        if (first.Type is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        while (true)
        {
            var token = Read();
            if (token.Type == JsonTokenType.None) throw new JsonException("The document ends inside a value.");
            if (token.Type is JsonTokenType.EndObject or JsonTokenType.EndArray && token.Depth == first.Depth) return;
        }
    }

    private Utf8JsonReader Reader() => new(_buffer.AsSpan(_start, _end - _start), _final, _state);

    private void Advance(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    // More of the file behind what is left unread; the buffer doubles when one token or value fills it.
    private void Refill()
    {
        if (_final) throw new JsonException("The document ends inside a value.");
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _final = true;
        else _end += read;
    }

    public void Dispose() => _stream.Dispose();
}
