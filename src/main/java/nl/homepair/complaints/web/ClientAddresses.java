package nl.homepair.complaints.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who a throttle counts as one client. An IPv4 address is one; an IPv6 address is its /64 network, the smallest
 * block a provider hands to one line: a single host can pick from 2^64 addresses of its own, so counting each
 * would give a password guesser or a web-form flood as many fresh limits as it likes.
 */
public final class ClientAddresses {

    private ClientAddresses() {
    }

    /**
     * As {@link #network}, with an IPv6 address cut to its /48: what a provider gives one home line or office (a /56 or
     * /48 of many /64s), for a budget one sender must not be able to multiply.
     */
    public static String wideNetwork(String remoteAddress) {
        String network = network(remoteAddress);
        if (network == null || !network.endsWith("::/64")) {
            return network;
        }
        String[] groups = network.substring(0, network.length() - "::/64".length()).split(":");
        return groups.length < 3 ? network : groups[0] + ":" + groups[1] + ":" + groups[2] + "::/48";
    }

    /** The client as a throttle counts it: the IPv4 address, or the IPv6 address's /64 network as "2001:db8:1:2::/64". */
    public static String network(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return remoteAddress;
        }
        String literal = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
                ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            return remoteAddress; // not an address literal: never look a name up
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress(); // IPv4-mapped ::ffff:a.b.c.d
            }
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString((bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff)).append(':');
            }
            return network.append(":/64").toString();
        } catch (UnknownHostException e) {
            return remoteAddress;
        }
    }
}
