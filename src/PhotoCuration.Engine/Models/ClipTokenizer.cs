using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// The CLIP byte-level BPE tokenizer (docs/algorithms.md#clip-model-folder-and-tokenizer, after openai/CLIP:clip/simple_tokenizer.py):
/// clean (HTML unescape twice, collapse whitespace, lowercase), split with CLIP's regex, map UTF-8
/// bytes through bytes_to_unicode, merge lowest-rank pairs with <c>&lt;/w&gt;</c> on the last symbol,
/// then [SOT] + ids + [EOT] padded to the context length. Reads the merge table from an HF
/// <c>tokenizer.json</c> (what Immich ships), <c>vocab.json</c> + <c>merges.txt</c>, or OpenAI's
/// <c>bpe_simple_vocab_16e6.txt(.gz)</c>. Not done: ftfy's mojibake repair (no .NET port); NFC
/// normalization stands in for its default normalization.
/// </summary>
public sealed class ClipTokenizer
{
    public const string StartOfText = "<|startoftext|>";
    public const string EndOfText = "<|endoftext|>";
    public const string EndOfWord = "</w>";
    /// <summary>Merges used by CLIP: lines 1 … 49152−256−2 of bpe_simple_vocab_16e6.txt (simple_tokenizer.py).</summary>
    public const int OpenAiMergeCount = 49152 - 256 - 2;

    private static readonly Regex Pattern = new(
        @"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.Compiled);
    private static readonly (string[] ByByte, string[] VocabOrder) ByteSymbols = BuildByteToUnicode();

    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<(string, string), int> _ranks;
    private readonly Dictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly object _cacheLock = new();

    public ClipTokenizer(Dictionary<string, int> vocab, IReadOnlyList<(string Left, string Right)> merges, int contextLength = 77, int? padId = null)
    {
        _vocab = vocab;
        _ranks = new Dictionary<(string, string), int>(merges.Count);
        for (var i = 0; i < merges.Count; i++) _ranks.TryAdd(merges[i], i);
        ContextLength = contextLength;
        StartId = Id(StartOfText);
        EndId = Id(EndOfText);
        PadId = padId ?? EndId;
    }

    public int ContextLength { get; }
    public int StartId { get; }
    public int EndId { get; }
    /// <summary>HF and Immich pad with &lt;|endoftext|&gt;; OpenCLIP with 0. Pooling takes the first argmax (EOT), so both work.</summary>
    public int PadId { get; }
    public int VocabularySize => _vocab.Count;

    /// <summary>The vocabulary of OpenAI's format: 256 byte symbols, the same with &lt;/w&gt;, each merge joined, then SOT and EOT.</summary>
    public static ClipTokenizer FromMerges(IReadOnlyList<(string, string)> merges, int contextLength = 77, int? padId = null)
    {
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in ByteSymbols.VocabOrder) vocab[s] = vocab.Count;
        foreach (var s in ByteSymbols.VocabOrder) vocab[s + EndOfWord] = vocab.Count;
        foreach (var (l, r) in merges) vocab.TryAdd(l + r, vocab.Count);
        vocab.TryAdd(StartOfText, vocab.Count);
        vocab.TryAdd(EndOfText, vocab.Count);
        return new ClipTokenizer(vocab, merges, contextLength, padId);
    }

    /// <summary>OpenAI's bpe_simple_vocab_16e6.txt (optionally gzipped): a version line, then merges.</summary>
    public static ClipTokenizer FromOpenAiVocab(string path, int contextLength = 77)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = reader.ReadToEnd().Split('\n');
        var merges = lines.Skip(1).Take(OpenAiMergeCount).Where(l => l.Length > 0).Select(ParseMerge).ToList();
        return FromMerges(merges, contextLength);
    }

    /// <summary>Hugging Face <c>tokenizer.json</c>: model.vocab (token → id) and model.merges ("a b" or ["a","b"]).</summary>
    public static ClipTokenizer FromTokenizerJson(string path, int contextLength = 77, string? padToken = null)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true });
        if (!doc.RootElement.TryGetProperty("model", out var model) || !model.TryGetProperty("vocab", out var vocabJson) || !model.TryGetProperty("merges", out var mergesJson))
        {
            throw new InvalidDataException($"'{path}' has no model.vocab and model.merges: not a BPE tokenizer.json.");
        }
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in vocabJson.EnumerateObject()) vocab[p.Name] = p.Value.GetInt32();
        if (doc.RootElement.TryGetProperty("added_tokens", out var added))
        {
            foreach (var t in added.EnumerateArray()) vocab[t.GetProperty("content").GetString()!] = t.GetProperty("id").GetInt32();
        }
        var merges = mergesJson.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.Array
            ? (m[0].GetString()!, m[1].GetString()!)
            : ParseMerge(m.GetString()!)).ToList();
        return Checked(path, vocab, merges, contextLength, padToken);
    }

    /// <summary>HF slow-tokenizer files: vocab.json and merges.txt (first line "#version").</summary>
    public static ClipTokenizer FromVocabAndMerges(string vocabPath, string mergesPath, int contextLength = 77, string? padToken = null)
    {
        var vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocabPath))
                    ?? throw new InvalidDataException($"'{vocabPath}' is empty.");
        var merges = File.ReadAllLines(mergesPath).Where(l => l.Length > 0 && !l.StartsWith("#version", StringComparison.Ordinal)).Select(ParseMerge).ToList();
        return Checked(vocabPath, vocab, merges, contextLength, padToken);
    }

    private static ClipTokenizer Checked(string path, Dictionary<string, int> vocab, List<(string, string)> merges, int contextLength, string? padToken)
    {
        if (!vocab.ContainsKey(StartOfText) || !vocab.ContainsKey(EndOfText))
        {
            throw new InvalidDataException($"'{path}' has no {StartOfText} / {EndOfText} tokens: not a CLIP tokenizer.");
        }
        int? pad = padToken is not null && vocab.TryGetValue(padToken, out var p) ? p : null;
        return new ClipTokenizer(vocab, merges, contextLength, pad);
    }

    private static (string, string) ParseMerge(string line)
    {
        var parts = line.TrimEnd('\r').Split(' ');
        if (parts.Length != 2) throw new InvalidDataException($"Merge line '{line}' is not two symbols.");
        return (parts[0], parts[1]);
    }

    /// <summary>Token ids of one text without SOT/EOT.</summary>
    public List<int> Encode(string text)
    {
        var ids = new List<int>();
        foreach (Match m in Pattern.Matches(Clean(text)))
        {
            var piece = m.Value;
            if (piece is StartOfText or EndOfText) { ids.Add(Id(piece)); continue; }
            var mapped = string.Concat(Encoding.UTF8.GetBytes(piece).Select(b => ByteSymbols.ByByte[b]));
            ids.AddRange(Bpe(mapped));
        }
        return ids;
    }

    /// <summary>
    /// [SOT] + tokens + [EOT], padded to the context length. Longer texts are truncated and their last
    /// token set to EOT, as OpenCLIP does (the original clip.tokenize would raise).
    /// </summary>
    public int[] Tokenize(string text)
    {
        var tokens = Encode(text);
        var ids = new int[ContextLength];
        Array.Fill(ids, PadId);
        ids[0] = StartId;
        var n = Math.Min(tokens.Count, ContextLength - 2);
        for (var i = 0; i < n; i++) ids[i + 1] = tokens[i];
        ids[n + 1] = EndId;
        return ids;
    }

    public static string Clean(string text)
    {
        var s = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text.Normalize(NormalizationForm.FormC))).Trim();
        return Whitespace.Replace(s, " ").Trim().ToLowerInvariant();
    }

    private int Id(string token) => _vocab.TryGetValue(token, out var id) ? id
        : throw new InvalidDataException($"Token '{token}' is not in the vocabulary: the merge table and vocabulary do not belong together.");

    private int[] Bpe(string word)
    {
        lock (_cacheLock) { if (_cache.TryGetValue(word, out var hit)) return hit; }
        // Symbols are text elements of the byte-mapped word; every mapped byte is one BMP char.
        var symbols = word.Select(c => c.ToString()).ToList();
        symbols[^1] += EndOfWord;
        while (symbols.Count > 1)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i < symbols.Count - 1; i++)
            {
                if (_ranks.TryGetValue((symbols[i], symbols[i + 1]), out var rank) && rank < bestRank) { bestRank = rank; best = i; }
            }
            if (best < 0) break;
            // Merge every occurrence of the best pair, left to right (simple_tokenizer.py).
            var (left, right) = (symbols[best], symbols[best + 1]);
            var merged = new List<string>(symbols.Count);
            for (var i = 0; i < symbols.Count;)
            {
                if (i < symbols.Count - 1 && symbols[i] == left && symbols[i + 1] == right) { merged.Add(left + right); i += 2; }
                else { merged.Add(symbols[i]); i++; }
            }
            symbols = merged;
        }
        var ids = symbols.Select(Id).ToArray();
        lock (_cacheLock) { _cache[word] = ids; }
        return ids;
    }

    /// <summary>
    /// GPT-2/CLIP bytes_to_unicode: printable Latin-1 bytes map to themselves, the others to 256+n in
    /// byte order. Returns the byte → symbol map and the symbols in vocabulary order (printable first).
    /// </summary>
    private static (string[] ByByte, string[] VocabOrder) BuildByteToUnicode()
    {
        var bs = new List<int>();
        for (int b = '!'; b <= '~'; b++) bs.Add(b);
        for (int b = '\u00A1'; b <= '\u00AC'; b++) bs.Add(b);
        for (int b = '\u00AE'; b <= '\u00FF'; b++) bs.Add(b);
        var cs = new List<int>(bs);
        var n = 0;
        for (var b = 0; b < 256; b++)
        {
            if (bs.Contains(b)) continue;
            bs.Add(b);
            cs.Add(256 + n++);
        }
        var byByte = new string[256];
        for (var i = 0; i < bs.Count; i++) byByte[bs[i]] = char.ConvertFromUtf32(cs[i]);
        return (byByte, cs.Select(char.ConvertFromUtf32).ToArray());
    }
}
