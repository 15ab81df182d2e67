using System.Text;
using PhotoCuration.Engine.Export;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Export;

[Collection(ScoredShootCollection.Name)]
public sealed class CuratedListCsvTests : IDisposable
{
    private readonly ScoredShoot _shoot;
    private readonly TempFolder _out = new();

    public CuratedListCsvTests(ScoredShootFixture shoot) => _shoot = shoot.Value;

    [Fact]
    public void Writes_one_row_per_pick_with_a_bom_crlf_and_quoting()
    {
        var set = _shoot.Set("IMG_0003.jpg", "IMG_0005.jpg");
        set.Items[1].Reasons = new[] { "adds \"dusk\", at last", "=cmd|' /C calc'!A0" };
        var export = CuratedListExport.Plan(set, _shoot.Layout.Root, new ExportOptions { OutputPath = _out.Path, Csv = true }, _ => { });
        foreach (var step in export.Steps) export.Run(step);
        var bytes = File.ReadAllBytes(Path.Combine(_out.Path, "curated_list.csv"));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n");
        Assert.Equal(4, lines.Length);
        Assert.Equal("", lines[3]);
        Assert.Equal(string.Join(",", CuratedListCsv.Header), lines[0]);
        var first = set.Items[0];
        Assert.StartsWith($"1,{first.Rank},{first.Rating},IMG_0003.jpg,01_IMG_0003.jpg," + _shoot.Photo("IMG_0003.jpg").PhotoId + ",m_0001,opener,", lines[1]);
        Assert.Equal(new[] { 1, 2 }, set.Items.Select(i => i.Rank).OrderBy(r => r));
        Assert.Contains(",false,kept,", lines[1]);
        Assert.Contains("\"adds \"\"dusk\"\", at last | =cmd|' /C calc'!A0\"", lines[2]);
        Assert.Contains(_shoot.Photo("IMG_0005.jpg").Score!.Total.ToString("R", System.Globalization.CultureInfo.InvariantCulture), lines[2]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-2", "'-2")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("plain", "plain")]
    public void Neutralises_formulas_and_quotes_separators(string value, string cell) => Assert.Equal(cell, CuratedListCsv.Text(value));

    public void Dispose() => _out.Dispose();
}
