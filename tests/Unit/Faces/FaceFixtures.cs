using System.Diagnostics;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Preprocess;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PhotoCuration.Tests.Faces;

/// <summary>
/// Real face photos for the face tests, written once per test run by Fixtures/faces/face_fixtures.py
/// in Debian's /usr/bin/python3 (python3-skimage, python3-opencv, python-matplotlib-data), and the
/// same script's cv2.dnn run for the parity test. The shipped model is copied beside the tests.
/// </summary>
public static class FaceFixtures
{
    /// <summary>Set by .ci/run: missing Python packages then fail the face data tests instead of skipping them.</summary>
    public const string RequireVariable = "PHOTOCURATION_REQUIRE_FACE_DATA";
    public const string Python = "/usr/bin/python3";
    public const string ModelSha256 = "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2";
    public const string Landscapes = "/usr/share/backgrounds/mate/nature";

    public static string ModelPath => Path.Combine(AppContext.BaseDirectory, "models", "faces", Engine.Faces.BlazeFaceDetector.FileName);
    public static string Script => Path.Combine(AppContext.BaseDirectory, "Fixtures", "faces", "face_fixtures.py");

    private static readonly Lazy<string?> Missing = new(() =>
    {
        if (!File.Exists(Python)) return Python + " is missing";
        var (code, output) = Run("-c \"import skimage.data, cv2, numpy; open('/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg').close()\"");
        return code == 0 ? null : "python3-skimage, python3-opencv or python-matplotlib-data is missing: " + output.Trim();
    });

    /// <summary>Why the fixtures cannot be made here, or null.</summary>
    public static string? MissingReason => Missing.Value;

    private static readonly Lazy<string> Folder = new(() =>
    {
        if (MissingReason is { } reason) throw new InvalidOperationException(reason + " (apt-get install python3-skimage python3-opencv python-matplotlib-data)");
        var folder = Directory.CreateTempSubdirectory("pc-faces-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(folder, true); } catch (IOException) { } };
        var (code, output) = Run($"\"{Script}\" images \"{folder}\"");
        if (code != 0) throw new InvalidOperationException("face_fixtures.py images failed: " + output);
        return folder;
    });

    /// <summary>The folder of written fixtures: astronaut.png, camera.png, grace_hopper.png, nonface/*.png, lfw/face_NNN.png, lfw/nonface_NNN.png.</summary>
    public static string Root => Folder.Value;

    public static string Fixture(string relative) => Path.Combine(Root, relative);

    /// <summary>An image as the pipeline standardizes it: long edge at most 1024 (never enlarged), RGB.</summary>
    public static FeatureImage LoadStandardized(string path, int longEdge = 1024)
    {
        using var image = Image.Load<Rgb24>(path);
        var (w, h) = ImageSizing.FitLongEdge(image.Width, image.Height, longEdge);
        if (w != image.Width || h != image.Height) image.Mutate(x => x.Resize(w, h));
        return FeatureImage.FromImage(image);
    }

    /// <summary>Raw outputs of the ONNX model in OpenCV's cv2.dnn for one input tensor, concatenated in graph order.</summary>
    public static float[] RunOpenCvDnn(float[] tensor)
    {
        var dir = Directory.CreateTempSubdirectory("pc-dnn-").FullName;
        try
        {
            var input = Path.Combine(dir, "in.bin");
            var output = Path.Combine(dir, "out.bin");
            var bytes = new byte[tensor.Length * 4];
            Buffer.BlockCopy(tensor, 0, bytes, 0, bytes.Length);
            File.WriteAllBytes(input, bytes);
            var (code, text) = Run($"\"{Script}\" dnn \"{ModelPath}\" \"{input}\" \"{output}\"");
            if (code != 0) throw new InvalidOperationException("face_fixtures.py dnn failed: " + text);
            var raw = File.ReadAllBytes(output);
            var result = new float[raw.Length / 4];
            Buffer.BlockCopy(raw, 0, result, 0, raw.Length);
            return result;
        }
        finally { Directory.Delete(dir, true); }
    }

    private static (int Code, string Output) Run(string arguments)
    {
        var info = new ProcessStartInfo(Python, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}

/// <summary>
/// A fact on the Python-made face fixtures: skipped when the Debian packages are missing, unless
/// <see cref="FaceFixtures.RequireVariable"/> is 1 (CI), where a missing package fails the run.
/// </summary>
public sealed class FaceDataFactAttribute : Xunit.FactAttribute
{
    public FaceDataFactAttribute()
    {
        if (FaceFixtures.MissingReason is { } reason && Environment.GetEnvironmentVariable(FaceFixtures.RequireVariable) != "1")
        {
            Skip = reason + "; CI sets " + FaceFixtures.RequireVariable + "=1 and fails instead";
        }
    }
}

/// <summary>The theory form of <see cref="FaceDataFactAttribute"/>.</summary>
public sealed class FaceDataTheoryAttribute : Xunit.TheoryAttribute
{
    public FaceDataTheoryAttribute()
    {
        if (FaceFixtures.MissingReason is { } reason && Environment.GetEnvironmentVariable(FaceFixtures.RequireVariable) != "1")
        {
            Skip = reason + "; CI sets " + FaceFixtures.RequireVariable + "=1 and fails instead";
        }
    }
}
