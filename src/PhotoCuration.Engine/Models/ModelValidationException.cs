namespace PhotoCuration.Engine.Models;

/// <summary>A model file that cannot be used: the message names the file and what is wrong with it.</summary>
public sealed class ModelValidationException : Exception
{
    public ModelValidationException(string path, string problem, Exception? inner = null)
        : base($"'{path}': {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }
    public string Problem { get; }
}
