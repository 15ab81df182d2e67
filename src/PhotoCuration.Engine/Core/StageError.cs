namespace PhotoCuration.Engine.Core;

/// <summary>One line of a stage document's <c>errors</c> list: the file, its stable error id (<see cref="PhotoErrorIds"/>) and the message.</summary>
public sealed class StageError
{
    public string Uri { get; set; } = "";
    public string ErrorId { get; set; } = "";
    public string Message { get; set; } = "";
}
