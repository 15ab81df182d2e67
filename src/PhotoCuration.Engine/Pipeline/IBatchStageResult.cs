namespace PhotoCuration.Engine.Pipeline;

/// <summary>What every batch stage returns: its document, beside the objects it made.</summary>
public interface IBatchStageResult<out TDocument> where TDocument : class
{
    TDocument Document { get; }
}
