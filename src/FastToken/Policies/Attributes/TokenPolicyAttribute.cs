namespace FastToken.Policies;

/// <summary>
/// Marks a <see langword="partial"/> class or struct as a token policy. FastToken's source
/// generator reads the requirement attributes beside this one (<see cref="RequireIssuerAttribute"/>,
/// <see cref="RequireScopesAttribute"/> and the others) and emits a static <c>Validate</c> method that
/// checks them, and captures the <see cref="ClaimAttribute"/> members, in the validator's single
/// pass over the claims.
/// </summary>
/// <remarks>
/// Mistakes in a policy (an empty value, <c>none</c> as an algorithm, a repeated requirement)
/// are compile errors with ids FT0001 and up; a policy with errors gets no validation code.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class TokenPolicyAttribute : Attribute
{
}
