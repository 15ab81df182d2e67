using System.Globalization;
using System.Text.RegularExpressions;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// OpenCV's BRISQUE regressor (docs/algorithms.md#brisque): <c>brisque_model_live.yml</c> (an ml::SVM, ε-SVR with RBF
/// kernel) and <c>brisque_range_live.yml</c> (2×36 min/max). Features are scaled to [−1, 1], the score
/// is Σ αᵢ·exp(−γ‖x − svᵢ‖²) − ρ clamped to [0, 100]; lower is better. The files are read with a small
/// parser of OpenCV's YAML dialect (its <c>%YAML:1.0</c> header and <c>!!opencv-matrix</c> tags are not
/// standard YAML).
/// </summary>
public sealed class BrisqueModel
{
    private static readonly Regex Number = new(@"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", RegexOptions.Compiled);

    private BrisqueModel(string modelPath, double gamma, double rho, double[][] supportVectors, double[] alpha, double[] min, double[] max)
    {
        ModelPath = modelPath;
        KernelGamma = gamma;
        Rho = rho;
        SupportVectors = supportVectors;
        Alpha = alpha;
        Min = min;
        Max = max;
    }

    public string ModelPath { get; }
    public double KernelGamma { get; }
    public double Rho { get; }
    public double[][] SupportVectors { get; }
    public double[] Alpha { get; }
    public double[] Min { get; }
    public double[] Max { get; }

    /// <summary>Loads the model and the range file beside it; anything unexpected names the file.</summary>
    public static BrisqueModel Load(string modelPath)
    {
        var rangePath = Path.Combine(Path.GetDirectoryName(modelPath)!, ModelCatalog.BrisqueRangeFile);
        if (!File.Exists(rangePath)) throw new ModelValidationException(rangePath, "the file is missing: BRISQUE needs its feature range file beside the model.");
        var text = File.ReadAllText(modelPath);
        Require(modelPath, text, @"svmType:\s*EPS_SVR", "svmType is not EPS_SVR");
        Require(modelPath, text, @"type:\s*RBF", "the kernel is not RBF");
        var gamma = Scalar(modelPath, text, "gamma");
        var rho = Scalar(modelPath, text, "rho");
        var svStart = text.IndexOf("support_vectors:", StringComparison.Ordinal);
        var dfStart = text.IndexOf("decision_functions:", StringComparison.Ordinal);
        if (svStart < 0 || dfStart < svStart) throw new ModelValidationException(modelPath, "no support_vectors / decision_functions: not an OpenCV ml::SVM file.");
        var svs = Regex.Matches(text[svStart..dfStart], @"\[([^\]]*)\]").Select(m => Numbers(m.Groups[1].Value)).ToArray();
        var alphaMatch = Regex.Match(text[dfStart..], @"alpha:\s*\[([^\]]*)\]");
        if (!alphaMatch.Success) throw new ModelValidationException(modelPath, "decision function has no alpha.");
        var alpha = Numbers(alphaMatch.Groups[1].Value);
        var indexMatch = Regex.Match(text[dfStart..], @"index:\s*\[([^\]]*)\]");
        if (indexMatch.Success)
        {
            var index = Numbers(indexMatch.Groups[1].Value).Select(v => (int)v).ToArray();
            if (index.Any(i => i < 0 || i >= svs.Length)) throw new ModelValidationException(modelPath, "a decision-function index points past the support vectors.");
            svs = index.Select(i => svs[i]).ToArray();
        }
        if (svs.Length == 0 || svs.Length != alpha.Length) throw new ModelValidationException(modelPath, $"{svs.Length} support vectors but {alpha.Length} alpha values.");
        if (svs.Any(v => v.Length != BrisqueFeatures.Count)) throw new ModelValidationException(modelPath, $"support vectors must have {BrisqueFeatures.Count} values (OpenCV BRISQUE features).");

        var range = File.ReadAllText(rangePath);
        var data = Regex.Match(range, @"data:\s*\[([^\]]*)\]");
        var values = data.Success ? Numbers(data.Groups[1].Value) : Array.Empty<double>();
        if (values.Length != 2 * BrisqueFeatures.Count) throw new ModelValidationException(rangePath, $"expected a 2×{BrisqueFeatures.Count} range matrix, found {values.Length} values.");
        return new BrisqueModel(modelPath, gamma, rho, svs, alpha, values[..BrisqueFeatures.Count], values[BrisqueFeatures.Count..]);
    }

    /// <summary>The score of an image file (0 best … 100 worst).</summary>
    public double Score(string standardizedPath) => Predict(BrisqueFeatures.Compute(standardizedPath));

    /// <summary>The score of a standardized image the features stage decoded (the same pixels as its file's).</summary>
    public double Score(Features.FeatureImage standardized) => Predict(BrisqueFeatures.Compute(standardized));

    /// <summary>
    /// OpenCV's <c>quality_utils::scale</c> then <c>ml::SVM::predict</c> (docs/algorithms.md#brisque), in its
    /// precision: features, range and support vectors in float, squared distances summed in double,
    /// kernel values exp(−γ·d²) in float, the weighted sum in double; clamped to [0, 100] as a float.
    /// A NaN feature (an image flat at a scale, or OpenCV's NaN remainder, see
    /// <see cref="BrisqueFeatures.AggdFit"/>) makes OpenCV 4.6's SVM return +∞ (measured with
    /// python3-opencv), so its score is 100, the worst.
    /// </summary>
    public double Predict(double[] features)
    {
        if (features.Any(double.IsNaN)) return 100;
        var x = new float[features.Length];
        for (var i = 0; i < x.Length; i++)
        {
            float min = (float)Min[i], span = (float)Max[i] - (float)Min[i];
            // A constant feature in the range file would divide by zero; it carries no information.
            x[i] = span == 0 ? 0f : -1f + 2f * ((float)features[i] - min) / span;
        }
        var sum = -Rho;
        for (var s = 0; s < SupportVectors.Length; s++)
        {
            double d = 0;
            var sv = SupportVectors[s];
            for (var i = 0; i < x.Length; i++)
            {
                double t = (float)sv[i] - x[i];
                d += t * t;
            }
            sum += Alpha[s] * MathF.Exp((float)(d * -KernelGamma));
        }
        return Math.Clamp((float)sum, 0f, 100f);
    }

    private static void Require(string path, string text, string pattern, string problem)
    {
        if (!Regex.IsMatch(text, pattern)) throw new ModelValidationException(path, problem + ".");
    }

    private static double Scalar(string path, string text, string key)
    {
        var m = Regex.Match(text, $@"\b{key}:\s*({Number})");
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : throw new ModelValidationException(path, $"no {key}.");
    }

    private static double[] Numbers(string list) => Number.Matches(list).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
}
