namespace Reciproca.Matching.Cli;

/// <summary>Bad input the user can fix: the message says what and where.</summary>
public sealed class InputException(string message) : Exception(message);
