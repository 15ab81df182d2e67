using PhotoCuration.Engine.Themes;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Themes;

/// <summary>The themes the module ships: embedded, strictly valid, found by name, overridden by the workspace.</summary>
public sealed class ShippedThemesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void The_module_ships_autumn_editorial_product_travel_and_wedding()
    {
        Assert.Equal(new[] { "autumn-editorial", "product", "travel", "wedding" }, ShippedThemes.Names);
    }

    [Theory]
    [InlineData("autumn-editorial")]
    [InlineData("product")]
    [InlineData("travel")]
    [InlineData("wedding")]
    public void Each_loads_through_the_strict_loader_by_name(string name)
    {
        var theme = ThemeResolver.Resolve(name, _temp.Path);   // ThemeValidationException on any bad key
        Assert.Equal(name, theme.Name);
        Assert.Equal("module:" + name, theme.Source);
        Assert.NotEmpty(theme.Palette);
        Assert.Contains(name, ThemeResolver.Available(_temp.Path));
    }

    [Fact]
    public void A_workspace_theme_of_the_same_name_wins()
    {
        Directory.CreateDirectory(Path.Combine(_temp.Path, "data", "themes"));
        File.WriteAllText(Path.Combine(_temp.Path, "data", "themes", "wedding.yaml"), "name: wedding\nselection: {count: 5}\n");
        Assert.Equal(5, ThemeResolver.Resolve("wedding", _temp.Path).SelectionCount);
    }

    [Fact]
    public void The_default_written_as_yaml_parses_back_to_the_default()
    {
        var builtIn = ThemeLoader.BuiltIn();
        var again = ThemeLoader.Parse(ShippedThemes.Yaml("default")!, "copy");
        Assert.Equal(builtIn.Hash, again.Hash);
    }

    public void Dispose() => _temp.Dispose();
}
