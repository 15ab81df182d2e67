namespace PhotoCuration.Engine.Models;

/// <summary>
/// The model files under the search roots, by kind, without loading them:
/// <code>
/// &lt;root&gt;                                 itself an OpenCLIP folder (visual/model.onnx), or
/// &lt;root&gt;/&lt;name&gt;/, &lt;root&gt;/clip/&lt;name&gt;/      OpenCLIP folders in the Immich layout
/// &lt;root&gt;/aesthetic/*.onnx                  aesthetic heads on the CLIP embedding
/// &lt;root&gt;/brisque/brisque_model_live.yml    BRISQUE SVR (with brisque_range_live.yml)
/// &lt;root&gt;/brisque_model_live.yml            the same directly in the root (OpenCV's data folder)
/// &lt;root&gt;/faces/face_detection_back_256x256_barracuda.onnx   BlazeFace (the module ships it)
/// &lt;root&gt;/faces/open-closed-eye-0001.onnx   eye state (optional; without it eye state is unknown)
/// </code>
/// The first of each kind in search order (roots in order, names sorted ordinally) is the one used.
/// </summary>
public sealed class ModelCatalog
{
    public const string BrisqueModelFile = "brisque_model_live.yml";
    public const string BrisqueRangeFile = "brisque_range_live.yml";
    public const string FacesFolder = "faces";

    public sealed record Entry(string Kind, string Name, string Path, string Root, string Source);

    public ModelCatalog(IReadOnlyList<(string Root, string Source)> roots)
    {
        Roots = roots;
        var clip = new List<Entry>();
        var aesthetic = new List<Entry>();
        var brisque = new List<Entry>();
        var faces = new List<Entry>();
        var eyes = new List<Entry>();
        foreach (var (root, source) in roots)
        {
            if (!Directory.Exists(root)) continue;
            var candidates = new List<string>();
            if (ClipModelFolder.IsClipFolder(root)) candidates.Add(root);
            candidates.AddRange(Children(root));
            candidates.AddRange(Children(Path.Combine(root, "clip")));
            foreach (var dir in candidates.Where(ClipModelFolder.IsClipFolder).Distinct())
            {
                clip.Add(new Entry("clip", new DirectoryInfo(dir).Name, dir, root, source));
            }
            var aestheticDir = Path.Combine(root, "aesthetic");
            if (Directory.Exists(aestheticDir))
            {
                foreach (var file in Directory.GetFiles(aestheticDir, "*.onnx").OrderBy(f => f, StringComparer.Ordinal))
                {
                    aesthetic.Add(new Entry("aesthetic", Path.GetFileNameWithoutExtension(file), file, root, source));
                }
            }
            foreach (var brisqueModel in new[] { Path.Combine(root, "brisque", BrisqueModelFile), Path.Combine(root, BrisqueModelFile) })
            {
                if (File.Exists(brisqueModel)) brisque.Add(new Entry("brisque", "brisque_live", brisqueModel, root, source));
            }
            var faceModel = Path.Combine(root, FacesFolder, PhotoCuration.Engine.Faces.BlazeFaceDetector.FileName);
            if (File.Exists(faceModel)) faces.Add(new Entry("faces", Path.GetFileNameWithoutExtension(faceModel), faceModel, root, source));
            var eyeModel = Path.Combine(root, FacesFolder, PhotoCuration.Engine.Faces.EyeStateClassifier.FileName);
            if (File.Exists(eyeModel)) eyes.Add(new Entry("eye-state", Path.GetFileNameWithoutExtension(eyeModel), eyeModel, root, source));
        }
        Clip = clip;
        Aesthetic = aesthetic;
        Brisque = brisque;
        Faces = faces;
        EyeState = eyes;
    }

    public IReadOnlyList<(string Root, string Source)> Roots { get; }
    public IReadOnlyList<Entry> Clip { get; }
    public IReadOnlyList<Entry> Aesthetic { get; }
    public IReadOnlyList<Entry> Brisque { get; }
    /// <summary>BlazeFace detectors under &lt;root&gt;/faces/.</summary>
    public IReadOnlyList<Entry> Faces { get; }
    /// <summary>Eye-state classifiers under &lt;root&gt;/faces/.</summary>
    public IReadOnlyList<Entry> EyeState { get; }
    public IEnumerable<Entry> All => Clip.Concat(Aesthetic).Concat(Brisque).Concat(Faces).Concat(EyeState);

    /// <summary>The catalog of the full search path, the system's OpenCV data folder included (see <see cref="ModelSearchPath"/>).</summary>
    public static ModelCatalog Discover(string? modelPath, string? moduleModelsDir) =>
        new(ModelSearchPath.Roots(modelPath, moduleModelsDir, systemDir: ModelSearchPath.SystemDir()));

    private static IEnumerable<string> Children(string dir) =>
        Directory.Exists(dir) ? Directory.GetDirectories(dir).OrderBy(d => d, StringComparer.Ordinal) : Enumerable.Empty<string>();
}
