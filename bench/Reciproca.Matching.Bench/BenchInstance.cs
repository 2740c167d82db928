using Reciproca.Matching.Assignment;

namespace Reciproca.Matching.Bench;

/// <summary>One matrix of the suite: what we solve, and the dense int32 copy SciPy solves.</summary>
internal sealed record BenchInstance(string Name, string Kind, int N, AssignmentProblem Problem, int[] ScipyMatrix, long? KnownOptimum);
