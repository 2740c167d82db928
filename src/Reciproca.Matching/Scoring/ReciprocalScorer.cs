using System.Numerics;
using Reciproca.Matching.Assignment;

namespace Reciproca.Matching.Scoring;

/// <summary>
/// Scores every (junior, senior) pair of a programme. People are compiled once into compact arrays
/// (levels as bytes, topics and languages as bit sets, reporting lines as indices), so that the full
/// matrix costs a few nanoseconds per pair.
/// </summary>
/// <remarks>
/// <para>Benefit to the senior <c>a</c> = sum over the senior's wanted competences of
/// <c>max(0, level(junior) - level(senior))</c>, divided by its maximum <c>7 * wanted</c>.
/// Benefit to the junior <c>b</c> = shared topics (senior offers, junior wants) divided by the junior's wanted topics.</para>
/// <para>Reciprocal part = harmonic mean <c>2ab / (a + b)</c> scaled to <see cref="ScoreScale"/> and computed in
/// integers, so a one-sided pair scores near zero. Soft-preference bonuses are added only when the reciprocal part
/// is positive: a bonus never makes a one-sided pair worth proposing. See ADR 0006.</para>
/// </remarks>
public sealed partial class ReciprocalScorer
{
    /// <summary>The reciprocal part of a score lies in 0 .. ScoreScale.</summary>
    public const int ScoreScale = 10_000;

    private const int MaxGap = 7;
    private readonly IReadOnlyList<MatchingPerson> _juniors;
    private readonly IReadOnlyList<MatchingPerson> _seniors;
    private readonly MatchingRules _rules;
    private readonly string[] _competenceKeys;
    private readonly int _competences;
    private readonly byte[] _juniorLevels;
    private readonly byte[] _seniorLevels;
    private readonly int[][] _seniorWanted;
    private readonly int _topicWords;
    private readonly ulong[] _juniorWantedTopics;
    private readonly ulong[] _seniorOfferedTopics;
    private readonly int[] _juniorWantedTopicCount;
    private readonly int _languageWords;
    private readonly ulong[] _juniorLanguages;
    private readonly ulong[] _seniorLanguages;
    private readonly int[] _juniorDepartment;
    private readonly int[] _seniorDepartment;
    private readonly int[] _juniorLocation;
    private readonly int[] _seniorLocation;
    private readonly int[][] _juniorManagers;
    private readonly int[][] _seniorManagers;
    private readonly Dictionary<Guid, int> _juniorIndex;
    private readonly Dictionary<Guid, int> _seniorIndex;
    private readonly HashSet<PairKey> _exclusions;
    private readonly string[] _topicKeys;

    /// <summary>Compiles the people and rules.</summary>
    /// <param name="juniors">The junior mentors (rows of the score matrix).</param>
    /// <param name="seniors">The senior mentees (columns of the score matrix).</param>
    /// <param name="rules">HR's rules.</param>
    public ReciprocalScorer(IReadOnlyList<MatchingPerson> juniors, IReadOnlyList<MatchingPerson> seniors, MatchingRules rules)
    {
        ArgumentNullException.ThrowIfNull(juniors);
        ArgumentNullException.ThrowIfNull(seniors);
        ArgumentNullException.ThrowIfNull(rules);
        rules.Validate();
        _juniors = juniors;
        _seniors = seniors;
        _rules = rules;
        _juniorIndex = IndexById(juniors, nameof(juniors));
        _seniorIndex = IndexById(seniors, nameof(seniors));
        foreach (var id in _juniorIndex.Keys)
        {
            if (_seniorIndex.ContainsKey(id))
            {
                throw new ArgumentException($"Person {id} is both a junior and a senior.", nameof(seniors));
            }
        }

        var competences = new Interner(DigComp.CompetenceIds);
        foreach (var person in juniors.Concat(seniors))
        {
            foreach (var (key, level) in person.DigitalLevels)
            {
                if (level is < 1 or > 8)
                {
                    throw new ArgumentOutOfRangeException(nameof(juniors), level, $"Person {person.Id}: level of {key} must be 1..8.");
                }

                competences.Add(key);
            }

            foreach (var key in person.WantedCompetences)
            {
                competences.Add(key);
            }
        }

        _competenceKeys = competences.Keys;
        _competences = _competenceKeys.Length;
        _juniorLevels = Levels(juniors, competences);
        _seniorLevels = Levels(seniors, competences);
        _seniorWanted = seniors.Select(s => s.WantedCompetences.Select(competences.Get).Distinct().Order().ToArray()).ToArray();

        var topics = new Interner([]);
        foreach (var person in juniors)
        {
            foreach (var topic in person.WantedTopics)
            {
                topics.Add(topic);
            }
        }

        // Only topics some junior wants can ever contribute; others are left out of the bit sets.
        _topicKeys = topics.Keys;
        _topicWords = Math.Max(1, (_topicKeys.Length + 63) / 64);
        _juniorWantedTopics = BitSets(juniors, p => p.WantedTopics, topics, _topicWords);
        _seniorOfferedTopics = BitSets(seniors, p => p.OfferedTopics, topics, _topicWords);
        _juniorWantedTopicCount = juniors.Select(p => p.WantedTopics.Distinct(StringComparer.Ordinal).Count()).ToArray();

        var languages = new Interner([]);
        foreach (var person in juniors.Concat(seniors))
        {
            foreach (var language in person.Languages)
            {
                languages.Add(language);
            }
        }

        _languageWords = Math.Max(1, (languages.Keys.Length + 63) / 64);
        _juniorLanguages = BitSets(juniors, p => p.Languages, languages, _languageWords);
        _seniorLanguages = BitSets(seniors, p => p.Languages, languages, _languageWords);

        var places = new Interner([]);
        _juniorDepartment = juniors.Select(p => places.OptionalId("d:", p.Department)).ToArray();
        _seniorDepartment = seniors.Select(p => places.OptionalId("d:", p.Department)).ToArray();
        _juniorLocation = juniors.Select(p => places.OptionalId("l:", p.Location)).ToArray();
        _seniorLocation = seniors.Select(p => places.OptionalId("l:", p.Location)).ToArray();

        // Reporting lines as indices into the other side: a junior's chain lists senior indices and vice versa.
        _juniorManagers = juniors.Select(p => ChainIndices(p, _seniorIndex)).ToArray();
        _seniorManagers = seniors.Select(p => ChainIndices(p, _juniorIndex)).ToArray();
        _exclusions = [.. rules.Exclusions];
    }

    /// <summary>The juniors, in row order.</summary>
    public IReadOnlyList<MatchingPerson> Juniors => _juniors;

    /// <summary>The seniors, in column order.</summary>
    public IReadOnlyList<MatchingPerson> Seniors => _seniors;

    /// <summary>The rules in force.</summary>
    public MatchingRules Rules => _rules;

    /// <summary>The row of a junior.</summary>
    /// <param name="id">The junior's id.</param>
    /// <param name="index">The row.</param>
    /// <returns>Whether the id is a junior.</returns>
    public bool TryGetJuniorIndex(Guid id, out int index) => _juniorIndex.TryGetValue(id, out index);

    /// <summary>The column of a senior.</summary>
    /// <param name="id">The senior's id.</param>
    /// <param name="index">The column.</param>
    /// <returns>Whether the id is a senior.</returns>
    public bool TryGetSeniorIndex(Guid id, out int index) => _seniorIndex.TryGetValue(id, out index);

    /// <summary>
    /// The full score matrix, juniors by seniors, row-major; a forbidden pair (hard rule, exclusion, or below
    /// the minimum score) holds <see cref="CostMatrix.ForbiddenInt32"/>. Rows are scored in parallel.
    /// </summary>
    /// <returns>The matrix values.</returns>
    public int[] ScoreMatrix()
    {
        var rows = _juniors.Count;
        var columns = _seniors.Count;
        var values = GC.AllocateUninitializedArray<int>(checked(rows * columns));
        var kernel = VectorKernel.TryCreate(this);
        Parallel.For(0, rows, j =>
        {
            var row = values.AsSpan(j * columns, columns);
            if (kernel is not null)
            {
                kernel.ScoreRow(j, row);
            }
            else
            {
                for (var s = 0; s < columns; s++)
                {
                    row[s] = FastScore(j, s);
                }
            }

            var minimum = _rules.MinimumScore;
            for (var s = 0; s < row.Length; s++)
            {
                if (row[s] < minimum)
                {
                    row[s] = CostMatrix.ForbiddenInt32;
                }
            }
        });

        // Reporting lines and exclusions touch few pairs: marking them afterwards keeps the inner loop lean.
        var depth = _rules.ReportingLineDepth;
        for (var j = 0; j < rows; j++)
        {
            var chain = _juniorManagers[j];
            for (var a = 0; a < chain.Length && a < depth; a++)
            {
                if (chain[a] >= 0)
                {
                    values[(j * columns) + chain[a]] = CostMatrix.ForbiddenInt32;
                }
            }
        }

        for (var s = 0; s < columns; s++)
        {
            var chain = _seniorManagers[s];
            for (var a = 0; a < chain.Length && a < depth; a++)
            {
                if (chain[a] >= 0)
                {
                    values[(chain[a] * columns) + s] = CostMatrix.ForbiddenInt32;
                }
            }
        }

        foreach (var pair in _exclusions)
        {
            if (_juniorIndex.TryGetValue(pair.JuniorId, out var j) && _seniorIndex.TryGetValue(pair.SeniorId, out var s))
            {
                values[(j * columns) + s] = CostMatrix.ForbiddenInt32;
            }
        }

        return values;
    }

    /// <summary>Scores and explains one pair by index.</summary>
    /// <param name="junior">The junior's row.</param>
    /// <param name="senior">The senior's column.</param>
    /// <returns>The evaluation.</returns>
    public PairEvaluation Evaluate(int junior, int senior)
    {
        var rules = new List<RuleCode>();
        RuleCode? forbidden = null;
        if (_exclusions.Contains(new PairKey(_juniors[junior].Id, _seniors[senior].Id)))
        {
            forbidden = RuleCode.HrExclusion;
        }
        else if (SameReportingLine(junior, senior))
        {
            forbidden = RuleCode.SameReportingLine;
        }
        else if (!ShareLanguage(junior, senior))
        {
            forbidden = RuleCode.NoCommonLanguage;
        }

        var (seniorGain, seniorMax, juniorGain, juniorMax) = Gains(junior, senior);
        var reciprocal = Reciprocal(seniorGain, seniorMax, juniorGain, juniorMax);
        var bonus = 0;
        if (reciprocal > 0 && DifferentDepartment(junior, senior))
        {
            bonus += _rules.DifferentDepartmentBonus;
            rules.Add(RuleCode.DifferentDepartment);
        }

        if (reciprocal > 0 && DifferentLocation(junior, senior))
        {
            bonus += _rules.DifferentLocationBonus;
            rules.Add(RuleCode.DifferentLocation);
        }

        long score = reciprocal + bonus;
        if (forbidden is null && score < _rules.MinimumScore)
        {
            forbidden = RuleCode.BelowMinimumScore;
        }

        if (forbidden is { } code)
        {
            rules.Add(code);
        }

        var explanation = new PairExplanation
        {
            BenefitToSenior = seniorMax == 0 ? 0 : (int)((long)ScoreScale * seniorGain / seniorMax),
            BenefitToJunior = juniorMax == 0 ? 0 : (int)((long)ScoreScale * juniorGain / juniorMax),
            Reciprocal = reciprocal,
            Bonus = bonus,
            ToSenior = SeniorContributions(junior, senior),
            ToJunior = JuniorContributions(junior, senior),
            Rules = rules,
        };
        return new PairEvaluation(_juniors[junior].Id, _seniors[senior].Id, score, forbidden, explanation);
    }

    /// <summary>The score of a pair, or <see cref="CostMatrix.ForbiddenInt32"/> when a hard rule forbids it (exclusions and the minimum are applied by the caller).</summary>
    internal int FastScore(int junior, int senior)
    {
        if (!ShareLanguage(junior, senior) || SameReportingLine(junior, senior))
        {
            return CostMatrix.ForbiddenInt32;
        }

        var (seniorGain, seniorMax, juniorGain, juniorMax) = Gains(junior, senior);
        var reciprocal = Reciprocal(seniorGain, seniorMax, juniorGain, juniorMax);
        if (reciprocal == 0)
        {
            return 0;
        }

        if (DifferentDepartment(junior, senior))
        {
            reciprocal += _rules.DifferentDepartmentBonus;
        }

        if (DifferentLocation(junior, senior))
        {
            reciprocal += _rules.DifferentLocationBonus;
        }

        return reciprocal;
    }

    private static int Reciprocal(int seniorGain, int seniorMax, int juniorGain, int juniorMax)
    {
        if (seniorGain == 0 || juniorGain == 0)
        {
            return 0;
        }

        // 2ab/(a+b) with a = sg/sm, b = jg/jm, i.e. 2 sg jg / (sg jm + jg sm), exactly, in integers.
        var numerator = 2L * ScoreScale * seniorGain * juniorGain;
        var denominator = ((long)seniorGain * juniorMax) + ((long)juniorGain * seniorMax);
        return (int)(numerator / denominator);
    }

    private (int SeniorGain, int SeniorMax, int JuniorGain, int JuniorMax) Gains(int junior, int senior)
    {
        var wanted = _seniorWanted[senior];
        var juniorLevels = _juniorLevels.AsSpan(junior * _competences, _competences);
        var seniorLevels = _seniorLevels.AsSpan(senior * _competences, _competences);
        var seniorGain = 0;
        foreach (var c in wanted)
        {
            var gap = juniorLevels[c] - seniorLevels[c];
            seniorGain += gap > 0 ? gap : 0;
        }

        var juniorGain = 0;
        var juniorTopics = _juniorWantedTopics.AsSpan(junior * _topicWords, _topicWords);
        var seniorTopics = _seniorOfferedTopics.AsSpan(senior * _topicWords, _topicWords);
        for (var w = 0; w < juniorTopics.Length; w++)
        {
            juniorGain += BitOperations.PopCount(juniorTopics[w] & seniorTopics[w]);
        }

        return (seniorGain, MaxGap * wanted.Length, juniorGain, _juniorWantedTopicCount[junior]);
    }

    private bool ShareLanguage(int junior, int senior)
    {
        var a = _juniorLanguages.AsSpan(junior * _languageWords, _languageWords);
        var b = _seniorLanguages.AsSpan(senior * _languageWords, _languageWords);
        bool anyA = false, anyB = false;
        for (var w = 0; w < a.Length; w++)
        {
            if ((a[w] & b[w]) != 0)
            {
                return true;
            }

            anyA |= a[w] != 0;
            anyB |= b[w] != 0;
        }

        // Unknown languages on either side: the rule cannot judge, so it does not forbid.
        return !anyA || !anyB;
    }

    private bool SameReportingLine(int junior, int senior)
    {
        var depth = _rules.ReportingLineDepth;
        var juniorChain = _juniorManagers[junior];
        for (var a = 0; a < juniorChain.Length && a < depth; a++)
        {
            if (juniorChain[a] == senior)
            {
                return true;
            }
        }

        var seniorChain = _seniorManagers[senior];
        for (var a = 0; a < seniorChain.Length && a < depth; a++)
        {
            if (seniorChain[a] == junior)
            {
                return true;
            }
        }

        return false;
    }

    private bool DifferentDepartment(int junior, int senior) =>
        _juniorDepartment[junior] >= 0 && _seniorDepartment[senior] >= 0 && _juniorDepartment[junior] != _seniorDepartment[senior];

    private bool DifferentLocation(int junior, int senior) =>
        _juniorLocation[junior] >= 0 && _seniorLocation[senior] >= 0 && _juniorLocation[junior] != _seniorLocation[senior];

    private List<Contribution> SeniorContributions(int junior, int senior)
    {
        var list = new List<Contribution>();
        foreach (var c in _seniorWanted[senior])
        {
            var gap = _juniorLevels[(junior * _competences) + c] - _seniorLevels[(senior * _competences) + c];
            if (gap > 0)
            {
                list.Add(new Contribution(_competenceKeys[c], gap));
            }
        }

        return [.. list.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Take(_rules.TopContributions)];
    }

    private List<Contribution> JuniorContributions(int junior, int senior)
    {
        var list = new List<Contribution>();
        for (var t = 0; t < _topicKeys.Length; t++)
        {
            var word = t >> 6;
            var bit = 1UL << (t & 63);
            if ((_juniorWantedTopics[(junior * _topicWords) + word] & _seniorOfferedTopics[(senior * _topicWords) + word] & bit) != 0)
            {
                list.Add(new Contribution(_topicKeys[t], 1));
            }
        }

        return [.. list.OrderBy(x => x.Key, StringComparer.Ordinal).Take(_rules.TopContributions)];
    }
}
