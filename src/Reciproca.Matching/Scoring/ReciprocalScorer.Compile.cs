namespace Reciproca.Matching.Scoring;

/// <summary>Compiling people into the scorer's compact arrays.</summary>
public sealed partial class ReciprocalScorer
{
    private static Dictionary<Guid, int> IndexById(IReadOnlyList<MatchingPerson> people, string name)
    {
        var index = new Dictionary<Guid, int>(people.Count);
        for (var a = 0; a < people.Count; a++)
        {
            ArgumentNullException.ThrowIfNull(people[a], name);
            if (!index.TryAdd(people[a].Id, a))
            {
                throw new ArgumentException($"Person {people[a].Id} appears twice.", name);
            }
        }

        return index;
    }

    private byte[] Levels(IReadOnlyList<MatchingPerson> people, Interner competences)
    {
        var levels = new byte[people.Count * _competences];
        Array.Fill(levels, (byte)1);
        for (var p = 0; p < people.Count; p++)
        {
            foreach (var (key, level) in people[p].DigitalLevels)
            {
                levels[(p * _competences) + competences.Get(key)] = (byte)level;
            }
        }

        return levels;
    }

    private static ulong[] BitSets(IReadOnlyList<MatchingPerson> people, Func<MatchingPerson, IEnumerable<string>> keys, Interner interner, int words)
    {
        var bits = new ulong[people.Count * words];
        for (var p = 0; p < people.Count; p++)
        {
            foreach (var key in keys(people[p]))
            {
                if (interner.TryGet(key, out var id))
                {
                    bits[(p * words) + (id >> 6)] |= 1UL << (id & 63);
                }
            }
        }

        return bits;
    }

    private static int[] ChainIndices(MatchingPerson person, Dictionary<Guid, int> otherSide) =>
        person.ManagerChain.Select(id => otherSide.TryGetValue(id, out var index) ? index : -1).ToArray();

    private sealed class Interner(IEnumerable<string> seed)
    {
        private readonly Dictionary<string, int> _ids = seed.Select((key, index) => (key, index)).ToDictionary(x => x.key, x => x.index, StringComparer.Ordinal);
        private readonly List<string> _keys = [.. seed];

        public string[] Keys => [.. _keys];

        public void Add(string key)
        {
            ArgumentNullException.ThrowIfNull(key);
            if (_ids.TryAdd(key, _keys.Count))
            {
                _keys.Add(key);
            }
        }

        public int Get(string key) => _ids[key];

        public bool TryGet(string key, out int id) => _ids.TryGetValue(key, out id);

        public int OptionalId(string prefix, string? key)
        {
            if (key is null)
            {
                return -1;
            }

            Add(prefix + key);
            return _ids[prefix + key];
        }
    }
}
