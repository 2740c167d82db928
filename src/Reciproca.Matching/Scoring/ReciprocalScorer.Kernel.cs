using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Reciproca.Matching.Assignment;

namespace Reciproca.Matching.Scoring;

public sealed partial class ReciprocalScorer
{
    /// <summary>
    /// The score matrix's inner loop for the common shape (at most 32 competences, 64 wanted topics and 64
    /// languages): levels as 32-byte vectors, where a senior's competences they do not want are set to the
    /// top level so that their gap is zero, and topics and languages as single 64-bit words.
    /// Reporting lines, exclusions and the minimum are applied by the caller.
    /// </summary>
    private sealed class VectorKernel
    {
        private readonly ReciprocalScorer _scorer;
        private readonly byte[] _juniorLevels;
        private readonly byte[] _seniorMasked;
        private readonly int[] _seniorMax;

        private VectorKernel(ReciprocalScorer scorer)
        {
            _scorer = scorer;
            var k = scorer._competences;
            _juniorLevels = new byte[scorer._juniors.Count * 32];
            _seniorMasked = new byte[scorer._seniors.Count * 32];
            Array.Fill(_seniorMasked, (byte)8);
            for (var j = 0; j < scorer._juniors.Count; j++)
            {
                scorer._juniorLevels.AsSpan(j * k, k).CopyTo(_juniorLevels.AsSpan(j * 32));
            }

            _seniorMax = new int[scorer._seniors.Count];
            for (var s = 0; s < scorer._seniors.Count; s++)
            {
                foreach (var c in scorer._seniorWanted[s])
                {
                    _seniorMasked[(s * 32) + c] = scorer._seniorLevels[(s * k) + c];
                }

                _seniorMax[s] = MaxGap * scorer._seniorWanted[s].Length;
            }
        }

        public static VectorKernel? TryCreate(ReciprocalScorer scorer) =>
            scorer._competences <= 32 && scorer._topicWords == 1 && scorer._languageWords == 1 && Vector256.IsHardwareAccelerated
                ? new VectorKernel(scorer)
                : null;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void ScoreRow(int junior, Span<int> row)
        {
            var scorer = _scorer;
            var juniorLevels = Vector256.Create<byte>(_juniorLevels.AsSpan(junior * 32, 32));
            var juniorTopics = scorer._juniorWantedTopics[junior];
            var juniorLanguages = scorer._juniorLanguages[junior];
            var juniorWanted = scorer._juniorWantedTopicCount[junior];
            var juniorDepartment = scorer._juniorDepartment[junior];
            var juniorLocation = scorer._juniorLocation[junior];
            var departmentBonus = scorer._rules.DifferentDepartmentBonus;
            var locationBonus = scorer._rules.DifferentLocationBonus;
            var seniorTopics = scorer._seniorOfferedTopics;
            var seniorLanguages = scorer._seniorLanguages;
            var seniorDepartment = scorer._seniorDepartment;
            var seniorLocation = scorer._seniorLocation;
            var seniorMasked = _seniorMasked.AsSpan();
            var seniorMax = _seniorMax;
            for (var s = 0; s < row.Length; s++)
            {
                var languages = seniorLanguages[s];
                if ((juniorLanguages & languages) == 0 && juniorLanguages != 0 && languages != 0)
                {
                    row[s] = CostMatrix.ForbiddenInt32;
                    continue;
                }

                var juniorGain = BitOperations.PopCount(juniorTopics & seniorTopics[s]);
                if (juniorGain == 0)
                {
                    row[s] = 0;
                    continue;
                }

                var seniorLevels = Vector256.Create<byte>(seniorMasked.Slice(s * 32, 32));
                var gaps = Vector256.Max(juniorLevels, seniorLevels) - seniorLevels;
                var (low, high) = Vector256.Widen(gaps);
                var seniorGain = (int)Vector256.Sum(low + high);
                if (seniorGain == 0)
                {
                    row[s] = 0;
                    continue;
                }

                // Same exact integer harmonic mean as Reciprocal(); the operands are small enough for 32 bits.
                var numerator = (uint)(2 * ScoreScale) * (uint)(seniorGain * juniorGain);
                var denominator = (uint)((seniorGain * juniorWanted) + (juniorGain * seniorMax[s]));
                var score = (int)(numerator / denominator);
                if (juniorDepartment >= 0 && seniorDepartment[s] >= 0 && juniorDepartment != seniorDepartment[s])
                {
                    score += departmentBonus;
                }

                if (juniorLocation >= 0 && seniorLocation[s] >= 0 && juniorLocation != seniorLocation[s])
                {
                    score += locationBonus;
                }

                row[s] = score;
            }
        }
    }
}
