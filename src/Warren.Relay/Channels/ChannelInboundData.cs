using Warren.Ssh.Buffers;

namespace Warren.Relay.Channels;

/// <summary>
/// To a channel actor that writes to a socket: the data of one CHANNEL_DATA from its client, in a
/// pooled buffer at <see cref="PacketBuffer.DataOffset"/>. Ownership of the buffer passes with
/// the message; the channel hands it on as a <see cref="SocketWrite"/> without copying, or returns
/// it. (Other channels get <see cref="ChannelInbound"/> with the whole message in an array.)
/// </summary>
public sealed record ChannelInboundData(PacketBuffer Buffer, int Length);
