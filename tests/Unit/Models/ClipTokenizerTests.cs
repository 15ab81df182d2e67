using PhotoCuration.Engine.Models;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Models;

/// <summary>The CLIP BPE tokenizer against the golden ids of docs/algorithms.md#clip-model-folder-and-tokenizer (HF output quoted in microsoft/BlingFire #173).</summary>
public sealed class ClipTokenizerTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private static readonly Lazy<ClipTokenizer> Fixture = new(() => ClipTokenizer.FromMerges(ClipMergesFixture.Merges()));

    [Fact]
    public void Golden_sentence_gives_the_known_ids()
    {
        var ids = Fixture.Value.Encode("a photo of a really, functistaner big cat.");
        Assert.Equal(new[] { 320, 1125, 539, 320, 1414, 267, 8679, 555, 2203, 528, 1205, 2368, 269 }, ids);
    }

    [Fact]
    public void Tokenize_wraps_in_start_and_end_and_pads_with_end_of_text()
    {
        var ids = Fixture.Value.Tokenize("a photo of a cat");
        Assert.Equal(77, ids.Length);
        Assert.Equal(new[] { 49406, 320, 1125, 539, 320, 2368, 49407 }, ids[..7]);
        Assert.All(ids[7..], id => Assert.Equal(49407, id));
    }

    [Fact]
    public void Special_token_ids_follow_from_the_merge_count()
    {
        Assert.Equal(49406, Fixture.Value.StartId);
        Assert.Equal(49407, Fixture.Value.EndId);
        Assert.Equal(49408, Fixture.Value.VocabularySize);
    }

    [Fact]
    public void Cleaning_unescapes_html_collapses_whitespace_and_lowercases()
    {
        Assert.Equal("a photo & a cat", ClipTokenizer.Clean("  A   PHOTO &amp;amp;\t a Cat "));
        Assert.Equal(Fixture.Value.Encode("a photo of a cat"), Fixture.Value.Encode("A  Photo\nOF a CAT"));
    }

    [Fact]
    public void Single_bytes_map_through_bytes_to_unicode_in_vocabulary_order()
    {
        // '!'..'~' come first: ',' is index 11, '.' 13, 'a' 64; with </w> they are 256 further on.
        Assert.Equal(new[] { 267, 269 }, Fixture.Value.Encode(", ."));
        // A byte outside the printable set (newline is whitespace, so use a non-ASCII letter's UTF-8 bytes).
        var ids = Fixture.Value.Encode("é");
        Assert.Equal(2, ids.Count);
        Assert.All(ids, id => Assert.InRange(id, 0, 511));
    }

    [Fact]
    public void Long_text_is_truncated_with_end_of_text_last()
    {
        var ids = Fixture.Value.Tokenize(string.Join(' ', Enumerable.Repeat("cat", 200)));
        Assert.Equal(77, ids.Length);
        Assert.Equal(49406, ids[0]);
        Assert.Equal(49407, ids[76]);
        Assert.All(ids[1..76], id => Assert.Equal(2368, id));
    }

    [Fact]
    public void Tokenizer_json_and_openai_vocab_files_agree()
    {
        var json = _temp.File("tokenizer.json");
        ClipMergesFixture.WriteTokenizerJson(json);
        var txt = _temp.File("bpe_simple_vocab_16e6.txt");
        ClipMergesFixture.WriteOpenAiVocab(txt);
        var text = "a photo of a really, functistaner big cat.";
        var fromJson = ClipTokenizer.FromTokenizerJson(json).Tokenize(text);
        var fromTxt = ClipTokenizer.FromOpenAiVocab(txt).Tokenize(text);
        Assert.Equal(Fixture.Value.Tokenize(text), fromJson);
        Assert.Equal(fromJson, fromTxt);
    }

    [Fact]
    public void Tokenizer_json_without_clip_specials_is_refused()
    {
        var path = _temp.File("tokenizer.json");
        File.WriteAllText(path, "{\"model\":{\"vocab\":{\"a\":0},\"merges\":[]}}");
        var ex = Assert.Throws<InvalidDataException>(() => ClipTokenizer.FromTokenizerJson(path));
        Assert.Contains("tokenizer.json", ex.Message);
    }

    public void Dispose() => _temp.Dispose();
}
