using Warren.Ssh.Buffers;

namespace Warren.Relay.Channels;

/// <summary>
/// CHANNEL_DATA for the connection to send without a copy: <see cref="Length"/> bytes a socket read
/// into <see cref="Buffer"/> at <see cref="PacketBuffer.DataOffset"/>. The connection writes the
/// CHANNEL_DATA header at <see cref="PacketBuffer.ChannelDataHeaderOffset"/>, sends the slice, and
/// returns the buffer once the transport has sent it. Ownership of the buffer passes with the
/// message: the connection returns it however the send ends (sent, failed, or the connection stopped).
/// </summary>
/// <param name="Buffer">The pooled buffer holding the data.</param>
/// <param name="RecipientChannel">The client's channel number.</param>
/// <param name="Length">Data bytes at <see cref="PacketBuffer.DataOffset"/>; within the client's window and maximum packet.</param>
public sealed record ChannelDataOutbound(PacketBuffer Buffer, uint RecipientChannel, int Length);
