namespace FastToken.Testing;

/// <summary>
/// Tests that count allocations run alone: a key's pool of platform objects is shared, and a
/// test on another thread holding them all would make the counted thread create one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation counts";
}
