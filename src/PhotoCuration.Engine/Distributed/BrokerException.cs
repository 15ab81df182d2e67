namespace PhotoCuration.Engine.Distributed;

/// <summary>The broker could not be used (unreachable, credential refused). The message never holds the password.</summary>
public sealed class BrokerException : Exception
{
    public BrokerException(string message) : base(message) { }
}
