namespace PhotoCuration.Engine.Distributed;

/// <summary>Invoke-PhotoCuration's -Broker, -Credential and -Library: run the per-photo stages on the studio's workers.</summary>
public sealed record DistributedRequest(BrokerEndpoint Broker, LibraryRoots Library, int ChunkSize = CurationCoordinator.DefaultChunkSize);
