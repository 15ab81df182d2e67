using System.Text;
using PhotoCuration.Engine.Models;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Models;

public sealed class NpyFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void Vector_round_trips_with_a_numpy_v1_header_aligned_to_64()
    {
        var data = new[] { 0.5f, -1.25f, 3e-8f, float.MaxValue };
        var path = _temp.File("v.npy");
        NpyFile.Write(path, data, data.Length);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, bytes[..8]);
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header);
        Assert.Contains("'shape': (4,)", header);
        Assert.EndsWith("\n", header);
        Assert.Equal(data, NpyFile.ReadVector(path));
    }

    [Fact]
    public void Matrix_round_trips_with_its_shape()
    {
        var data = Enumerable.Range(0, 6).Select(i => i * 0.1f).ToArray();
        var path = _temp.File("m.npy");
        NpyFile.Write(path, data, 2, 3);
        var (read, shape) = NpyFile.Read(path);
        Assert.Equal(new[] { 2, 3 }, shape);
        Assert.Equal(data, read);
    }

    [Fact]
    public void Wrong_dtype_or_truncated_data_is_a_clear_error()
    {
        var path = _temp.File("bad.npy");
        var bytes = NpyFile.ToBytes(new[] { 1f, 2f }, 2);
        File.WriteAllBytes(path, bytes[..^3]);
        Assert.Contains("bad.npy", Assert.Throws<InvalidDataException>(() => NpyFile.Read(path)).Message);
        var f8 = Encoding.Latin1.GetString(bytes).Replace("<f4", "<f8");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(f8));
        Assert.Contains("<f8", Assert.Throws<InvalidDataException>(() => NpyFile.Read(path)).Message);
    }

    [Fact]
    public void Sidecar_records_model_dim_and_pooling_and_must_agree()
    {
        var path = _temp.File("e.npy");
        EmbeddingSidecar.Save(path, new[] { 0.6f, 0.8f }, "ViT-B-32__openai", "clip_pooled_l2");
        var (vector, meta) = EmbeddingSidecar.Load(path);
        Assert.Equal(new[] { 0.6f, 0.8f }, vector);
        Assert.Equal(("ViT-B-32__openai", 2, "clip_pooled_l2"), (meta.ModelName, meta.Dim, meta.Pooling));
        Assert.Contains("\"model_name\"", File.ReadAllText(EmbeddingSidecar.PathFor(path)));
        NpyFile.Write(path, new[] { 1f, 0f, 0f }, 3);
        Assert.Throws<InvalidDataException>(() => EmbeddingSidecar.Load(path));
    }

    public void Dispose() => _temp.Dispose();
}
