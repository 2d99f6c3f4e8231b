namespace FastToken.Benchmarks.Fixtures;

/// <summary>What is wrong with the token, if anything.</summary>
public enum Scenario
{
    /// <summary>A token every rule accepts.</summary>
    Valid,

    /// <summary>Well formed, from a known key, but the signature does not verify.</summary>
    InvalidSignature,

    /// <summary>Correctly signed, but <c>exp</c> is an hour in the past.</summary>
    Expired,

    /// <summary>A byte outside the base64url alphabet near the end of the payload.</summary>
    Malformed,

    /// <summary>Signed by a key whose <c>kid</c> is not in the trusted set.</summary>
    UnknownKid,

    /// <summary>The header names an algorithm of the same family that the rules do not allow.</summary>
    AlgorithmNotAllowed,

    /// <summary>Correctly signed, but the header <c>typ</c> is <c>JWT</c> where <c>at+jwt</c> is required.</summary>
    WrongType,
}
