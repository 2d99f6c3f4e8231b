using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace FastToken.Generators.Model;

/// <summary>A diagnostic as plain values, carried through the pipeline and reported at its end.</summary>
internal sealed record DiagnosticInfo(
    DiagnosticDescriptor Descriptor,
    LocationInfo? Location,
    EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(
        DiagnosticDescriptor descriptor,
        LocationInfo? location,
        params string[] arguments) =>
        new(descriptor, location, ImmutableArray.Create(arguments));

    public Diagnostic ToDiagnostic()
    {
        object[] arguments = new object[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(Descriptor, Location?.ToLocation(), arguments);
    }
}
