namespace Reciproca.Matching;
