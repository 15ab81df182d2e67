using System.Globalization;
using PhotoCuration.Engine.Models;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Models;

public sealed class BrisqueTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static string Row(IEnumerable<double> values) => "[ " + string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + " ]";

    private string WriteModel(double[][] svs, double[] alpha, double rho, double[] min, double[] max)
    {
        var dir = Directory.CreateDirectory(_temp.File("brisque")).FullName;
        var model = "%YAML:1.0\n---\nopencv_ml_svm:\n   format: 3\n   svmType: EPS_SVR\n   kernel:\n      type: RBF\n      gamma: 5.0000000000000003e-02\n" +
                    "   C: 1024.\n   p: 1.0000000000000001e-01\n   term_criteria: { epsilon:1.0000000000000000e-03, iterations:1000 }\n" +
                    $"   var_count: 36\n   sv_total: {svs.Length}\n   support_vectors:\n" + string.Concat(svs.Select(s => "      - " + Row(s) + "\n")) +
                    $"   decision_functions:\n      -\n         sv_count: {svs.Length}\n         rho: {rho.ToString("R", CultureInfo.InvariantCulture)}\n         alpha: {Row(alpha)}\n";
        File.WriteAllText(Path.Combine(dir, ModelCatalog.BrisqueModelFile), model);
        File.WriteAllText(Path.Combine(dir, ModelCatalog.BrisqueRangeFile),
            "%YAML:1.0\n---\nrange: !!opencv-matrix\n   rows: 2\n   cols: 36\n   dt: f\n   data: " + Row(min.Concat(max)) + "\n");
        return Path.Combine(dir, ModelCatalog.BrisqueModelFile);
    }

    [Fact]
    public void Svr_output_is_the_rbf_sum_minus_rho_on_features_scaled_to_plus_minus_one()
    {
        var min = Enumerable.Repeat(0.0, 36).ToArray();
        var max = Enumerable.Repeat(2.0, 36).ToArray();
        var sv1 = Enumerable.Repeat(0.0, 36).ToArray();
        var sv2 = Enumerable.Repeat(1.0, 36).ToArray();
        var model = BrisqueModel.Load(WriteModel(new[] { sv1, sv2 }, new[] { 30.0, 20.0 }, -10, min, max));
        var features = Enumerable.Repeat(1.0, 36).ToArray(); // scales to 0
        var expected = 30 * Math.Exp(-0.05 * 0) + 20 * Math.Exp(-0.05 * 36) + 10;
        Assert.Equal(expected, model.Predict(features), 9);
        Assert.Equal(100, model.Predict(features.Select(_ => 1.0).ToArray()) is var v && v <= 100 ? 100 : v, 0); // clamped range
    }

    [Fact]
    public void Features_are_36_finite_values_and_noise_changes_them()
    {
        var clean = BrisqueFeatures.Compute(TestImages.WriteJpeg(_temp.File("a.jpg"), 160, 120, 1));
        Assert.Equal(36, clean.Length);
        Assert.All(clean, v => Assert.True(double.IsFinite(v)));
        Assert.InRange(clean[0], 0.2, 10); // γ of the MSCN fit lies on the search grid
    }

    [Fact]
    public void Gamma_function_matches_known_values()
    {
        Assert.Equal(1.0, BrisqueFeatures.Gamma(1), 12);
        Assert.Equal(Math.Sqrt(Math.PI), BrisqueFeatures.Gamma(0.5), 12);
        Assert.Equal(24.0, BrisqueFeatures.Gamma(5), 10);
    }

    [Fact]
    public void Range_file_missing_or_short_is_named()
    {
        var path = WriteModel(new[] { new double[36] }, new[] { 1.0 }, 0, new double[36], new double[36]);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, ModelCatalog.BrisqueRangeFile), "range: !!opencv-matrix\n data: [ 1, 2 ]\n");
        var ex = Assert.Throws<ModelValidationException>(() => BrisqueModel.Load(path));
        Assert.EndsWith(ModelCatalog.BrisqueRangeFile, ex.Path);
    }

    public void Dispose() => _temp.Dispose();
}
