"""Drives Warren with a Python SSH library, as a user's script would.

usage: other_client.py paramiko|asyncssh HOST PORT KEY NAME SERVICE_PORT

Publishes NAME:7000 (tcpip-forward) to 127.0.0.1:SERVICE_PORT, reaches it again through the
relay (direct-tcpip to NAME:7000), and runs `status`. Prints one line per step that the test
reads: "bound", "reached <greeting>", "exec <first word>".
"""
import sys
import socket
import threading


def pump(source, sink):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        try:
            if isinstance(sink, socket.socket):
                sink.shutdown(socket.SHUT_WR)
            else:
                sink.shutdown_write()
        except OSError:
            pass


def with_paramiko(host, port, key, name, service_port):
    import paramiko
    transport = paramiko.Transport((host, port))
    transport.connect(username="root", pkey=paramiko.Ed25519Key.from_private_key_file(key))

    def serve(channel, origin, server):
        backend = socket.create_connection(("127.0.0.1", service_port))
        threading.Thread(target=pump, args=(channel, backend), daemon=True).start()
        threading.Thread(target=pump, args=(backend, channel), daemon=True).start()

    transport.request_port_forward(name, 7000, serve)
    print("bound", flush=True)
    channel = transport.open_channel("direct-tcpip", (name, 7000), ("127.0.0.1", 40000))
    print("reached", channel.recv(64).decode().strip(), flush=True)
    channel.close()
    session = transport.open_session()
    session.exec_command("status")
    print("exec", session.makefile().read().decode().split()[0], flush=True)
    transport.close()


async def with_asyncssh(host, port, key, name, service_port):
    import asyncssh
    async with asyncssh.connect(host, port=port, username="root", client_keys=[key], known_hosts=None) as connection:
        await connection.forward_remote_port(name, 7000, "127.0.0.1", service_port)
        print("bound", flush=True)
        reader, writer = await connection.open_connection(name, 7000)
        print("reached", (await reader.read(64)).decode().strip(), flush=True)
        writer.close()
        result = await connection.run("status")
        print("exec", result.stdout.split()[0], flush=True)


def main():
    library, host, port, key, name, service_port = sys.argv[1:7]
    if library == "paramiko":
        with_paramiko(host, int(port), key, name, int(service_port))
    else:
        import asyncio
        asyncio.run(with_asyncssh(host, int(port), key, name, int(service_port)))


if __name__ == "__main__":
    import warnings
    warnings.filterwarnings("ignore")
    main()
