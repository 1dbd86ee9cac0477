using LxdScope.Fan.Decoding;

namespace LxdScope.Fan.Capture;

/// <summary>Receives one captured frame; the span is only valid during the call.</summary>
public delegate void FrameHandler(LinkType linkType, ReadOnlySpan<byte> frame, long timestampMicros);
