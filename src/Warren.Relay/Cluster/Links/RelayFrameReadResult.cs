namespace Warren.Relay.Cluster.Links;

/// <summary>What <see cref="RelayFrameCodec.TryRead"/> found at the start of a buffer.</summary>
internal enum RelayFrameReadResult
{
    /// <summary>A whole frame; it and the bytes it used are reported.</summary>
    Frame,

    /// <summary>Not a whole frame yet: read more and try again with the same start.</summary>
    NeedMore,

    /// <summary>Not a frame at all (unknown type, length over the limit, bad control payload): close the link.</summary>
    Malformed,
}
