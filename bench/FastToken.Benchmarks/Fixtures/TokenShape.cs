namespace FastToken.Benchmarks.Fixtures;

/// <summary>The two realistic claim sets every validation benchmark runs on.</summary>
public enum TokenShape
{
    /// <summary>An RFC 9068 access token: ten claims, about 400 bytes when signed with HS256.</summary>
    Typical,

    /// <summary>An enterprise identity platform token: 26 claims with roles and a groups array.</summary>
    Enterprise,
}
