using Faces = PhotoCuration.Engine.Faces;

namespace PhotoCuration.Engine.Models;

/// <summary>Loads each model of a catalog as the features stage would, to describe it or say what is wrong (Get-PhotoModel).</summary>
public static class ModelInspection
{
    public static IEnumerable<(PhotoModel Model, ModelValidationException? Error)> Describe(ModelCatalog catalog, ExecutionProviderChoice provider)
    {
        int? selectedClipDim = null;
        var first = true;
        foreach (var entry in catalog.Clip)
        {
            var model = Base(entry, provider, first);
            ModelValidationException? error = null;
            try
            {
                using var clip = new ClipModel(ClipModelFolder.Open(entry.Path), provider, ModelPipeline.DefaultBatch);
                model.InputSize = clip.Preprocess.Size;
                model.InputShape = clip.Image.InputShape;
                model.EmbeddingDim = clip.Dim;
                model.HasText = clip.Text is not null;
                if (first) selectedClipDim = clip.Dim;
            }
            catch (ModelValidationException e) { error = e; model.Error = e.Message; }
            first = false;
            yield return (model, error);
        }
        first = true;
        foreach (var entry in catalog.Aesthetic)
        {
            var model = Base(entry, provider, first);
            ModelValidationException? error = null;
            try
            {
                using var options = provider.CreateOptions();
                using var head = new AestheticHead(entry.Path, options, selectedClipDim);
                model.EmbeddingDim = head.Dim;
                model.InputShape = $"[N, {head.Dim}]";
            }
            catch (ModelValidationException e) { error = e; model.Error = e.Message; }
            first = false;
            yield return (model, error);
        }
        first = true;
        foreach (var entry in catalog.Brisque)
        {
            var model = Base(entry, provider, first);
            model.Provider = "CPU";
            model.InputShape = $"[{BrisqueFeatures.Count}] features";
            ModelValidationException? error = null;
            try { BrisqueModel.Load(entry.Path); }
            catch (ModelValidationException e) { error = e; model.Error = e.Message; }
            first = false;
            yield return (model, error);
        }
        first = true;
        foreach (var entry in catalog.Faces)
        {
            var model = Base(entry, provider, first);
            model.InputSize = Faces.BlazeFaceAnchors.InputSize;
            model.InputShape = $"[1, {Faces.BlazeFaceAnchors.InputSize}, {Faces.BlazeFaceAnchors.InputSize}, 3]";
            ModelValidationException? error = null;
            try
            {
                using var options = provider.CreateOptions();
                using var detector = new Faces.BlazeFaceDetector(entry.Path, options);
            }
            catch (ModelValidationException e) { error = e; model.Error = e.Message; }
            first = false;
            yield return (model, error);
        }
        first = true;
        foreach (var entry in catalog.EyeState)
        {
            var model = Base(entry, provider, first);
            model.InputSize = Faces.EyeStateClassifier.PatchSize;
            model.InputShape = $"[1, 3, {Faces.EyeStateClassifier.PatchSize}, {Faces.EyeStateClassifier.PatchSize}]";
            ModelValidationException? error = null;
            try
            {
                using var options = provider.CreateOptions();
                using var eyes = new Faces.EyeStateClassifier(entry.Path, options);
            }
            catch (ModelValidationException e) { error = e; model.Error = e.Message; }
            first = false;
            yield return (model, error);
        }
    }

    private static PhotoModel Base(ModelCatalog.Entry entry, ExecutionProviderChoice provider, bool selected) => new()
    {
        Kind = entry.Kind,
        Name = entry.Name,
        Path = entry.Path,
        Root = entry.Root,
        Source = entry.Source,
        Provider = provider.ShortName,
        Selected = selected,
    };
}
