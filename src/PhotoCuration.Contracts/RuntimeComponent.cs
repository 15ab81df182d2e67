namespace PhotoCuration;

/// <summary>One component the module runs on, with where and how it was loaded (Get-PhotoRuntimeInfo).</summary>
public sealed class RuntimeComponent
{
    /// <summary>Component name, e.g. <c>SixLabors.ImageSharp</c> or <c>onnxruntime (native)</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Version as the component reports it.</summary>
    public string Version { get; set; } = "";

    /// <summary>Name of the AssemblyLoadContext it lives in (<c>PhotoCuration</c> for the isolated engine).</summary>
    public string LoadContext { get; set; } = "";

    /// <summary>File it was loaded from.</summary>
    public string Location { get; set; } = "";

    /// <summary>Extra facts, e.g. the execution providers ONNX Runtime offers, or why it could not load.</summary>
    public string? Detail { get; set; }
}
