using System.Reflection;
using System.Text.Json;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Stages;

/// <summary>
/// Every PhotoFeatures property survives features record → JSON → Import-PhotoStage, with a distinct
/// non-default value in each, so a property added to PhotoFeatures but not to the features record (or
/// not read back) fails here rather than silently coming back empty.
/// </summary>
public sealed class FeaturesRoundTripTests : IDisposable
{
    /// <summary>Not a feature (set by whoever produced the object).</summary>
    private static readonly string[] NotStored = { nameof(PhotoFeatures.FromCache) };

    /// <summary>
    /// Model outputs the features record on this branch does not carry yet (the models branch adds
    /// embedding, scene_type, people_count and mood_similarity to it; map them in FeaturesFromStage then
    /// and drop them from this list).
    /// </summary>
    private static readonly string[] NotYetInRecord = Array.Empty<string>();

    private readonly TempFolder _temp = new();

    [Fact]
    public void Every_feature_value_comes_back_exactly()
    {
        var layout = new WorkspaceLayout(_temp.Path);
        var original = new PhotoFeatures();
        var seed = 0;
        foreach (var property in typeof(PhotoFeatures).GetProperties().Where(p => p.CanWrite))
        {
            property.SetValue(original, Sample(property, layout, ++seed));
        }
        var photo = new Photo { PhotoId = "sha256:ab", Preprocess = new PhotoPreprocess { StandardizedPath = Path.Combine(layout.StandardizedDir, "a_std.jpg") } };
        var json = StageJson.Serialize(FeaturesStageDocument.ToArtifact(layout, photo, original));
        var back = FeaturesFromStage.ToFeatures(layout, original.Version, StageJson.Deserialize<FeaturesStageDocument.Artifact>(json)!);
        foreach (var property in typeof(PhotoFeatures).GetProperties().Where(p => p.CanWrite && !NotStored.Contains(p.Name) && !NotYetInRecord.Contains(p.Name)))
        {
            Assert.True(JsonSerializer.Serialize(property.GetValue(original)) == JsonSerializer.Serialize(property.GetValue(back)),
                $"{property.Name}: {JsonSerializer.Serialize(property.GetValue(original))} came back as {JsonSerializer.Serialize(property.GetValue(back))}");
        }
    }

    /// <summary>A distinct, non-default value of the property's type (paths inside the workspace).</summary>
    private static object? Sample(PropertyInfo property, WorkspaceLayout layout, int seed)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (property.Name.EndsWith("Path", StringComparison.Ordinal)) return Path.Combine(layout.DataDir, "x", property.Name + ".bin");
        if (type == typeof(double)) return seed + 0.123456789012345;
        if (type == typeof(bool)) return true;
        if (type == typeof(int)) return 1000 + seed;
        if (type == typeof(string)) return property.Name.ToLowerInvariant() + seed;
        if (type == typeof(double[])) return property.Name == nameof(PhotoFeatures.CopySpaceRect) ? new[] { 0.1, 0.2, 0.3, seed / 100.0 } : new[] { seed + 0.5, 0.25 };
        if (type == typeof(string[])) return new[] { "#112233", "#" + seed.ToString("X6") };
        if (type == typeof(ClipLabel[])) return new[] { new ClipLabel { Label = "beach", Confidence = 0.7, CosineScore = 0.31 } };
        throw new NotSupportedException($"Add a sample value for {property.Name} ({type.Name}).");
    }

    public void Dispose() => _temp.Dispose();
}
