using PhotoCuration.Engine.Workspace;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>Batch ids name files under intermediateJsons/, so they are kept to a safe alphabet.</summary>
public sealed class BatchIdsTests
{
    [Theory]
    [InlineData("wedding_a")]
    [InlineData("2024-09-14.trip")]
    [InlineData("B")]
    public void Safe_ids_are_returned_unchanged(string id) => Assert.Equal(id, BatchIds.Validate(id));

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData(".hidden")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Müller")]
    [InlineData("a b")]
    public void Unsafe_ids_are_refused(string id) => Assert.Throws<ArgumentException>(() => BatchIds.Validate(id));

    [Fact]
    public void Ids_longer_than_64_characters_are_refused()
    {
        Assert.Equal(new string('a', 64), BatchIds.Validate(new string('a', 64)));
        Assert.Throws<ArgumentException>(() => BatchIds.Validate(new string('a', 65)));
    }

    [Theory]
    [InlineData("Hochzeit Müller (Juni)", "Hochzeit_Muller_Juni")]
    [InlineData("写真", "batch")]
    [InlineData("..", "batch")]
    [InlineData("  trip 2024  ", "trip_2024")]
    public void Folder_names_become_valid_ids(string name, string expected)
    {
        Assert.Equal(expected, BatchIds.FromName(name));
        Assert.Equal(expected, BatchIds.Validate(BatchIds.FromName(name)));
    }

    [Fact]
    public void Long_folder_names_are_cut_to_a_valid_id()
    {
        var id = BatchIds.FromName(new string('x', 200));
        Assert.Equal(64, id.Length);
        Assert.Equal(id, BatchIds.Validate(id));
    }
}
