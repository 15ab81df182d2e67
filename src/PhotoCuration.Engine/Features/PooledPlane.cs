using System.Buffers;

namespace PhotoCuration.Engine.Features;

/// <summary>
/// A pixel plane rented from a pool. Feature planes of a 1024-px image are megabytes each; allocating
/// them per photo puts every one on the large object heap and forces a full collection every photo or
/// two across all workers. A private pool, because <see cref="ArrayPool{T}.Shared"/> does not keep
/// arrays over 1 M elements on every runtime (the RGB plane is 2.1 M bytes). The rented array may be
/// longer than the plane and holds stale data: always go through <see cref="Span"/> and write before reading.
/// </summary>
internal sealed class PooledPlane<T> : IDisposable where T : struct
{
    // 16 M elements covers a 4096×4096 plane; 16 arrays per size serve several workers with ~8 planes each.
    private static readonly ArrayPool<T> Pool = ArrayPool<T>.Create(maxArrayLength: 1 << 24, maxArraysPerBucket: 16);

    private T[]? _array;

    public PooledPlane(int length)
    {
        Length = length;
        _array = Pool.Rent(Math.Max(1, length));
    }

    public int Length { get; }

    public Span<T> Span => (_array ?? throw new ObjectDisposedException(nameof(PooledPlane<T>))).AsSpan(0, Length);

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null) Pool.Return(array);
    }
}
