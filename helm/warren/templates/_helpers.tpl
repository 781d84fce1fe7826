{{/* Names, labels and the settings file shared by the templates. */}}

{{/* The chart name, or nameOverride. */}}
{{- define "warren.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The prefix of every object name: fullnameOverride, or release name and chart name (once). */}}
{{- define "warren.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "warren.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels that pick this release's pods; they never change after install (selectors are immutable). */}}
{{- define "warren.selectorLabels" -}}
app.kubernetes.io/name: {{ include "warren.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "warren.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "warren.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The headless Service of the cluster: it gives each pod its stable DNS name (see warren.podDomain). */}}
{{- define "warren.clusterServiceName" -}}
{{- printf "%s-cluster" (include "warren.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The DNS domain of the pods: pod N is <fullname>-N.<this>, resolvable as soon as it has an IP. */}}
{{- define "warren.podDomain" -}}
{{- printf "%s.%s.svc.%s" (include "warren.clusterServiceName" .) .Release.Namespace .Values.clusterDomain -}}
{{- end -}}

{{- define "warren.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "warren.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "warren.hostKeysSecretName" -}}
{{- default (printf "%s-host-keys" (include "warren.fullname" .)) .Values.hostKeys.existingSecret -}}
{{- end -}}

{{- define "warren.clusterSecretName" -}}
{{- default (printf "%s-cluster" (include "warren.fullname" .)) .Values.cluster.existingSecret -}}
{{- end -}}

{{- define "warren.adminSecretName" -}}
{{- default (printf "%s-admin-token" (include "warren.fullname" .)) .Values.admin.existingSecret -}}
{{- end -}}

{{/*
The cluster's seed nodes, a JSON list: the Akka addresses of the first pods (at most three) of
the starting replica count. The first one forms the cluster when no other seed answers; the
others join through any seed that is up. Every pod gets the same list, so all agree.
*/}}
{{- define "warren.seedNodes" -}}
{{- $replicas := ternary .Values.autoscaling.minReplicas .Values.replicaCount .Values.autoscaling.enabled | int -}}
{{- $fullname := include "warren.fullname" . -}}
{{- $domain := include "warren.podDomain" . -}}
{{- $seeds := list -}}
{{- range $i := until (min $replicas 3 | int) -}}
{{- $seeds = append $seeds (printf "akka.tcp://warren@%s-%d.%s:4053" $fullname $i $domain) -}}
{{- end -}}
{{- toJson $seeds -}}
{{- end -}}

{{/*
A key source (auth.authorizedKeys or auth.trustedUserCAKeys): "content", "secret", "configMap"
or "" when none is given. Two at once is a mistake the chart stops on.
*/}}
{{- define "warren.keySource" -}}
{{- $given := list -}}
{{- if .source.content }}{{ $given = append $given "content" }}{{ end -}}
{{- if .source.existingSecret }}{{ $given = append $given "secret" }}{{ end -}}
{{- if .source.existingConfigMap }}{{ $given = append $given "configMap" }}{{ end -}}
{{- if gt (len $given) 1 -}}
{{- fail (printf "auth.%s: set only one of content, existingSecret and existingConfigMap" .name) -}}
{{- end -}}
{{- first $given | default "" -}}
{{- end -}}

{{/* Where a key source is mounted, and the path Warren is given (the file, or the directory when key is empty). */}}
{{- define "warren.keySourcePath" -}}
{{- if .source.key -}}
{{- printf "%s/%s" .dir .source.key -}}
{{- else -}}
{{- .dir -}}
{{- end -}}
{{- end -}}

{{/* The volume source of a key source: the chart's ConfigMap for content, else the named Secret or ConfigMap. */}}
{{- define "warren.keySourceVolume" -}}
{{- if eq .kind "secret" -}}
secret:
  secretName: {{ .source.existingSecret }}
  defaultMode: 0444
{{- else if eq .kind "configMap" -}}
configMap:
  name: {{ .source.existingConfigMap }}
{{- else -}}
configMap:
  name: {{ .generated }}
{{- end -}}
{{- end -}}

{{/* "true" when the pods find each other through the Kubernetes API (cluster.discovery), else empty. */}}
{{- define "warren.kubernetesDiscovery" -}}
{{- if eq .Values.cluster.discovery "kubernetes-api" }}true{{ end -}}
{{- end -}}

{{/*
cluster-config/kubernetes.hocon for this release, with concrete values (Akka.NET's HOCON merge
overflows the stack on ${?ENV} substitutions): the release's own pod labels, and the pods needed
before a new cluster forms.
*/}}
{{- define "warren.kubernetesHocon" -}}
{{- $replicas := ternary .Values.autoscaling.minReplicas .Values.replicaCount .Values.autoscaling.enabled | int -}}
{{- $required := .Values.cluster.requiredPods | default $replicas | int -}}
# Rendered by the chart from cluster-config/kubernetes.hocon (see that file for every key).
akka.remote.dot-netty.tcp.port = 4053
akka.cluster.seed-nodes = []
warren.cluster.kubernetes-discovery {
  # Empty: the pod's own API server (KUBERNETES_SERVICE_HOST) and namespace (service account).
  api-url = ""
  namespace = ""
  label-selector = "app.kubernetes.io/name={{ include "warren.name" . }},app.kubernetes.io/instance={{ .Release.Name }}"
  port-name = "remoting"
  required-contact-point-nr = {{ $required }}
  stable-margin = 5s
  poll-interval = 1s
}
{{- end -}}
