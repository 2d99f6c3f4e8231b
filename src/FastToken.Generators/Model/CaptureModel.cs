namespace FastToken.Generators.Model;

/// <summary>How a captured claim is kept and read back.</summary>
internal enum CaptureKind
{
    /// <summary>A type the generator cannot capture; only implemented so that errors stay readable.</summary>
    Unsupported,

    /// <summary><c>ReadOnlySpan&lt;byte&gt;</c>: the string, read from the result by where its value starts.</summary>
    Utf8String,

    /// <summary><c>JwtStringArray</c>: a string or an array of strings, read by where its value starts.</summary>
    StringArray,

    /// <summary><c>long</c> or <c>long?</c>, parsed during the pass.</summary>
    Int64,

    /// <summary><c>bool</c> or <c>bool?</c>, parsed during the pass.</summary>
    Boolean,

    /// <summary><c>DateTimeOffset</c> or <c>DateTimeOffset?</c> from a NumericDate, parsed during the pass.</summary>
    NumericDate,
}

/// <summary>A partial property that captures a claim.</summary>
/// <param name="PropertyName">The property.</param>
/// <param name="ClaimName">The claim.</param>
/// <param name="Kind">How it is captured.</param>
/// <param name="IsNullable">Whether the property is the nullable form of a value type.</param>
/// <param name="TypeName">The property type, fully qualified.</param>
/// <param name="Accessibility">The property's accessibility keywords.</param>
internal sealed record CaptureModel(
    string PropertyName,
    string ClaimName,
    CaptureKind Kind,
    bool IsNullable,
    string TypeName,
    string Accessibility);
