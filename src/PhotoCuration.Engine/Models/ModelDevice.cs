namespace PhotoCuration.Engine.Models;

/// <summary>Where the user asks models to run (<c>-Device</c>): Auto takes a GPU provider when the runtime has one.</summary>
public enum ModelDevice
{
    Auto,
    Cpu,
    Gpu,
}
