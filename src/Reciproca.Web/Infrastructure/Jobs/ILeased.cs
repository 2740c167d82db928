namespace Reciproca.Web.Infrastructure.Jobs;

/// <summary>
/// A row that instances take turns on: while <see cref="ClaimedUntilUtc"/> lies in the future, the instance holding
/// <see cref="ClaimToken"/> (<see cref="ClaimedBy"/>) works on it and nobody else may claim it. See <see cref="Leases"/> and ADR 0010.
/// </summary>
public interface ILeased
{
    /// <summary>Set while an instance works on the row; another instance may take it over only after this moment.</summary>
    DateTime? ClaimedUntilUtc { get; set; }

    Guid? ClaimToken { get; set; }

    /// <summary>
    /// The <see cref="InstanceIdentity"/> of the instance holding the claim: an instance that restarts after a crash
    /// releases its own claims at once instead of waiting for their leases to end.
    /// </summary>
    string? ClaimedBy { get; set; }
}
