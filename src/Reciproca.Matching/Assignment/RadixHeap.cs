using System.Numerics;

namespace Reciproca.Matching.Assignment;

/// <summary>
/// A monotone priority queue for Dijkstra on integer distances: a key pushed is never below the last key
/// popped. Bucket b holds keys whose highest bit differing from the last popped key is b - 1, so a push is
/// O(1) and each item moves down at most 64 times, whatever the cost range; with integer costs most keys sit
/// in the lowest buckets. Duplicates are allowed (lazy deletion by the caller).
/// </summary>
internal sealed class RadixHeap
{
    private readonly ulong[][] _keys = new ulong[65][];
    private readonly int[][] _values = new int[65][];
    private readonly int[] _counts = new int[65];
    private ulong _last;
    private int _size;

    public RadixHeap()
    {
        for (var b = 0; b < 65; b++)
        {
            _keys[b] = new ulong[16];
            _values[b] = new int[16];
        }
    }

    /// <summary>Empties the queue; every key pushed until the next reset must be at least <paramref name="floor"/>.</summary>
    public void Reset(long floor)
    {
        Array.Clear(_counts);
        _size = 0;
        _last = Map(floor);
    }

    public void Push(long key, int value)
    {
        var k = Map(key);
        System.Diagnostics.Debug.Assert(k >= _last, "Radix heap keys must not go below the last key popped.");
        Add(Bucket(k), k, value);
        _size++;
    }

    public bool TryPop(out long key, out int value)
    {
        if (_size == 0)
        {
            key = 0;
            value = 0;
            return false;
        }

        if (_counts[0] == 0)
        {
            var b = 1;
            while (_counts[b] == 0)
            {
                b++;
            }

            var keys = _keys[b];
            var values = _values[b];
            var count = _counts[b];
            var min = ulong.MaxValue;
            for (var a = 0; a < count; a++)
            {
                min = Math.Min(min, keys[a]);
            }

            _last = min;
            _counts[b] = 0;
            for (var a = 0; a < count; a++)
            {
                Add(Bucket(keys[a]), keys[a], values[a]);
            }
        }

        var at = --_counts[0];
        _size--;
        key = Unmap(_keys[0][at]);
        value = _values[0][at];
        return true;
    }

    private int Bucket(ulong key) => key == _last ? 0 : 64 - BitOperations.LeadingZeroCount(key ^ _last);

    private void Add(int bucket, ulong key, int value)
    {
        var count = _counts[bucket];
        if (count == _keys[bucket].Length)
        {
            Array.Resize(ref _keys[bucket], count * 2);
            Array.Resize(ref _values[bucket], count * 2);
        }

        _keys[bucket][count] = key;
        _values[bucket][count] = value;
        _counts[bucket] = count + 1;
    }

    // Order-preserving map of signed keys onto unsigned ones.
    private static ulong Map(long key) => (ulong)key ^ 0x8000_0000_0000_0000UL;

    private static long Unmap(ulong key) => (long)(key ^ 0x8000_0000_0000_0000UL);
}
