using FastToken.Tests.Support;

namespace FastToken.Tests.Validation;

/// <summary>Every status the validator can return is produced by at least one realistic token.</summary>
public sealed class StatusCatalogTests
{
    public static TheoryData<TokenStatus> RejectionStatuses() =>
        [.. Enum.GetValues<TokenStatus>().Where(s => s is not TokenStatus.Valid and not TokenStatus.UnknownToken)];

    [Theory]
    [MemberData(nameof(RejectionStatuses))]
    public void Status_has_a_case_in_the_catalog(TokenStatus status)
    {
        // UnknownToken belongs to opaque tokens; every other refusal must be reachable here.
        Assert.Contains(RejectionCatalog.All, c => c.Expected == status);
    }

    [Theory]
    [MemberData(nameof(RejectionCatalog.Names), MemberType = typeof(RejectionCatalog))]
    public void Case_gives_its_status_as_chars_and_as_bytes(string name)
    {
        RejectionCase rejection = RejectionCatalog.Get(name);

        using JwtValidationResult fromChars = rejection.Validator.Validate(rejection.Token);
        using JwtValidationResult fromBytes = rejection.Validator.Validate(rejection.Bytes);

        Assert.Equal(rejection.Expected, fromChars.Status);
        Assert.Equal(rejection.Expected, fromBytes.Status);
        Assert.False(fromChars.IsValid);
    }
}
