namespace PhotoCuration.Engine.Faces;

/// <summary>A point in image pixels (x right, y down).</summary>
public readonly record struct FacePoint(double X, double Y);
