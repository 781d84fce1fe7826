{{/*
The Warren settings file (--config) the pods read: what the chart's values decide, with
.Values.settings laid over it. Paths here are the mount points in statefulset.yaml.
*/}}
{{- define "warren.settings" -}}
{{- $v := .Values -}}
{{- $ssh := dict "Listen" "0.0.0.0:2222" -}}
{{- $hostKeys := list -}}
{{- range $v.hostKeys.files }}{{ $hostKeys = append $hostKeys (printf "/etc/warren/host-keys/%s" .) }}{{ end -}}
{{- $_ := set $ssh "HostKeys" $hostKeys -}}
{{- $edge := dict "Domain" $v.domain "HttpListen" "0.0.0.0:8080" -}}
{{- if $v.tls.enabled -}}
{{- $_ := set $edge "TlsListen" "0.0.0.0:8443" -}}
{{- if $v.tls.certificateSecret -}}
{{- $_ := set $edge "TlsCert" "/etc/warren/tls/tls.crt" -}}
{{- $_ := set $edge "TlsKey" "/etc/warren/tls/tls.key" -}}
{{- end -}}
{{- end -}}
{{- $auth := dict "Anonymous" $v.auth.anonymous -}}
{{- if include "warren.keySource" (dict "source" $v.auth.authorizedKeys "name" "authorizedKeys") -}}
{{- $_ := set $auth "AuthorizedKeys" (include "warren.keySourcePath" (dict "source" $v.auth.authorizedKeys "dir" "/etc/warren/authorized-keys")) -}}
{{- end -}}
{{- if include "warren.keySource" (dict "source" $v.auth.trustedUserCAKeys "name" "trustedUserCAKeys") -}}
{{- $_ := set $auth "TrustedUserCAKeys" (include "warren.keySourcePath" (dict "source" $v.auth.trustedUserCAKeys "dir" "/etc/warren/user-ca")) -}}
{{- end -}}
{{- /* Relay links listen on every interface and advertise the pod's --cluster-listen host; they
prove the cluster secret the chart mounts from its Secret. */ -}}
{{- $cluster := dict "RelayListen" "0.0.0.0:4054" "SecretFile" "/etc/warren/cluster-secret/secret" "DrainTimeout" $v.drain.streamsSeconds -}}
{{- if include "warren.kubernetesDiscovery" . -}}
{{- /* No seed nodes: they would switch the discovery off. */ -}}
{{- $_ := set $cluster "Config" "/etc/warren/config/kubernetes.hocon" -}}
{{- else -}}
{{- $_ := set $cluster "SeedNodes" (include "warren.seedNodes" . | fromJsonArray) -}}
{{- end -}}
{{- if $v.cluster.relayTls.secretName -}}
{{- $_ := set $cluster "RelayTlsCert" "/etc/warren/relay-tls/tls.crt" -}}
{{- $_ := set $cluster "RelayTlsKey" "/etc/warren/relay-tls/tls.key" -}}
{{- if $v.cluster.relayTls.caFromSecret -}}
{{- $_ := set $cluster "RelayTlsCa" "/etc/warren/relay-tls/ca.crt" -}}
{{- end -}}
{{- end -}}
{{- /* People reach the pods through the public Service's ports (22, 80, 443), not the pods'
own (2222, 8080, 8443): the session texts and force-https say the Service's. */ -}}
{{- $public := dict "SshPort" $v.service.ports.ssh "HttpPort" $v.service.ports.http -}}
{{- if $v.tls.enabled -}}
{{- $_ := set $public "TlsPort" $v.service.ports.https -}}
{{- end -}}
{{- $settings := dict "DataDir" "/var/lib/warren" "Ssh" $ssh "Edge" $edge "Auth" $auth "Cluster" $cluster "Public" $public -}}
{{- $_ := set $settings "Metrics" (dict "Listen" "0.0.0.0:9464") -}}
{{- $_ := set $settings "Logging" (dict "Format" $v.logFormat) -}}
{{- if $v.admin.enabled -}}
{{- $_ := set $settings "Admin" (dict "TokenFile" "/etc/warren/admin/token") -}}
{{- end -}}
{{- $limits := dict -}}
{{- with $v.limits.sessionsPerAccount }}{{ $_ := set $limits "SessionsPerAccount" . }}{{ end -}}
{{- with $v.limits.tunnelsPerAccount }}{{ $_ := set $limits "TunnelsPerAccount" . }}{{ end -}}
{{- with $v.limits.channelsPerSession }}{{ $_ := set $limits "ChannelsPerSession" . }}{{ end -}}
{{- with $v.limits.forwardsPerSession }}{{ $_ := set $limits "ForwardsPerSession" . }}{{ end -}}
{{- if $limits -}}
{{- $_ := set $settings "Limits" $limits -}}
{{- end -}}
{{- mustMergeOverwrite $settings (deepCopy $v.settings) | toPrettyJson -}}
{{- end -}}

