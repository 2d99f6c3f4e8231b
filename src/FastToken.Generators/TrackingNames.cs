namespace FastToken.Generators;

/// <summary>Names of the pipeline steps, so that tests can see what was cached.</summary>
internal static class TrackingNames
{
    /// <summary>Each policy type read into a model and its diagnostics.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The diagnostics of every policy.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>The models of policies that code is emitted for.</summary>
    public const string Model = nameof(Model);
}
